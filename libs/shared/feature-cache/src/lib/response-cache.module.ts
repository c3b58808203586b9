import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ReadinessService } from '@concierge/shared/feature-gateway-core';
import { RedisConnection } from '@concierge/shared/data-access-redis';
import { promCacheMetrics } from './cache-metrics';
import { ResponseCache } from './response-cache';
import { ConfigurableResponseCacheModule, RESPONSE_CACHE_OPTIONS } from './response-cache.module-definition';
import type { ResponseCacheModuleOptions } from './response-cache.options';
import { MemoryStore } from './stores/memory.store';
import { RedisStore } from './stores/redis.store';

async function createResponseCache(
  options: ResponseCacheModuleOptions,
  readiness?: ReadinessService,
): Promise<ResponseCache> {
  const logger = new Logger('ResponseCache');
  const common = {
    name: options.name,
    maxEntryBytes: options.maxEntryBytes,
    heuristicMaxSec: options.heuristicMaxSec,
    revalidationGraceSec: options.revalidationGraceSec,
    metrics: promCacheMetrics(options.registry),
    logger,
  };
  if (options.store !== 'redis')
    return new ResponseCache({ ...common, store: new MemoryStore({ maxBytes: options.maxBytes }) });
  if (!options.redisUrl && !options.redisClusterNodes?.length)
    throw new Error('ResponseCacheModule: store "redis" needs redisUrl or redisClusterNodes');
  // Fail-fast (no offline queue, a short deadline, a breaker): while Redis is away a lookup is a miss at once.
  const connection = new RedisConnection({
    name: 'response-cache',
    url: options.redisUrl,
    clusterNodes: options.redisClusterNodes,
    commandTimeoutMs: options.redisCommandTimeoutMs ?? 250,
  });
  const store = new RedisStore({ connection, keyPrefix: options.keyPrefix ?? 'concierge:cache:' });
  // Connected before the first request when Redis is there; start-up never hangs on it when it is not.
  await connection.waitUntilReady(2000);
  // The gateway serves without its cache (every lookup a miss): degraded, never a reason to refuse traffic.
  readiness?.register('response-cache-redis', () => store.ping(), { required: false });
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
 * proxies). With a Redis store it adds a readiness check when the gateway core's `ReadinessService` is present.
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
  ],
  exports: [ResponseCache],
})
export class ResponseCacheModule extends ConfigurableResponseCacheModule {}
