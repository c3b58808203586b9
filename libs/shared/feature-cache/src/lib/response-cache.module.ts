import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ReadinessService } from '@concierge/shared/feature-gateway-core';
import Redis from 'ioredis';
import { promCacheMetrics } from './cache-metrics';
import { ResponseCache } from './response-cache';
import { ConfigurableResponseCacheModule, RESPONSE_CACHE_OPTIONS } from './response-cache.module-definition';
import { ResponseCacheInterceptor } from './response-cache.interceptor';
import type { ResponseCacheModuleOptions } from './response-cache.options';
import { MemoryStore } from './stores/memory.store';
import { RedisStore } from './stores/redis.store';

function createResponseCache(options: ResponseCacheModuleOptions, readiness?: ReadinessService): ResponseCache {
  const logger = new Logger('ResponseCache');
  const common = {
    name: options.name,
    maxEntryBytes: options.maxEntryBytes,
    heuristicMaxSec: options.heuristicMaxSec,
    revalidationGraceSec: options.revalidationGraceSec,
    metrics: promCacheMetrics(options.registry),
    logger,
  };
  if (options.store !== 'redis') return new ResponseCache({ ...common, store: new MemoryStore({ maxBytes: options.maxBytes }) });
  if (!options.redisUrl) throw new Error('ResponseCacheModule: store "redis" needs redisUrl');
  const client = new Redis(options.redisUrl, {
    connectionName: 'concierge-response-cache',
    maxRetriesPerRequest: 1,
    commandTimeout: options.redisCommandTimeoutMs ?? 500,
    // After a refused connection ioredis waits this long for a close that never comes; keep shutdown quick.
    disconnectTimeout: 200,
  });
  // ioredis reports connection trouble as events too; the cache already reports failed commands.
  client.on('error', () => undefined);
  const store = new RedisStore({ client, keyPrefix: options.keyPrefix ?? 'concierge:cache:' });
  readiness?.register('response-cache-redis', () => store.ping());
  return new ResponseCache({ ...common, store });
}

@Injectable()
class ResponseCacheShutdown implements OnApplicationShutdown {
  constructor(@Inject(ResponseCache) private readonly cache: ResponseCache) {}

  onApplicationShutdown(): Promise<void> {
    return this.cache.close();
  }
}

/**
 * The gateway's response cache: provides `ResponseCache` (for declarative routes and anything else that
 * proxies) and registers `ResponseCacheInterceptor` for `@CacheResponse` handlers. With a Redis store it
 * adds a readiness check when the gateway core's `ReadinessService` is present.
 *
 * ```ts
 * ResponseCacheModule.forRootAsync({
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({ store: config.get('REDIS_URL') ? 'redis' : 'memory', redisUrl: config.get('REDIS_URL') }),
 * })
 * ```
 */
@Global()
@Module({
  providers: [
    {
      provide: ResponseCache,
      useFactory: createResponseCache,
      inject: [RESPONSE_CACHE_OPTIONS, { token: ReadinessService, optional: true }],
    },
    ResponseCacheShutdown,
    ResponseCacheInterceptor,
  ],
  exports: [ResponseCache, ResponseCacheInterceptor],
})
export class ResponseCacheModule extends ConfigurableResponseCacheModule {}
