import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MemoryRateLimitStore } from './memory.store';
import { RATE_LIMIT_MODULE_OPTIONS, RateLimitConfigurableModule } from './rate-limit.module-definition';
import { RateLimitGuard } from './rate-limit.guard';
import { resolveRateLimitOptions, type ResolvedRateLimitOptions } from './rate-limit.options';
import type { RateLimitStore } from './rate-limit.store';
import { RATE_LIMIT_OPTIONS } from './rate-limit.tokens';
import { RateLimiter } from './rate-limiter';
import { RedisRateLimitStore } from './redis.store';

/**
 * Rate limits for a gateway: `RateLimitModule.forRootAsync({ inject: [ConfigService], useFactory })`.
 * Validates its options at start-up, picks the store (Redis when `redisUrl` or `redisClusterNodes` is set, else in-process),
 * provides `RateLimiter`, and limits every Nest route through a global `RateLimitGuard`. Import it after
 * `AuthModule`, so that its guard runs after authentication and counts each caller in their own bucket.
 */
@Module({
  providers: [
    { provide: RATE_LIMIT_OPTIONS, inject: [RATE_LIMIT_MODULE_OPTIONS], useFactory: resolveRateLimitOptions },
    { provide: RateLimiter, inject: [RATE_LIMIT_OPTIONS], useFactory: createRateLimiter },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [RateLimiter, RATE_LIMIT_OPTIONS],
})
export class RateLimitModule extends RateLimitConfigurableModule {}

async function createRateLimiter(options: ResolvedRateLimitOptions): Promise<RateLimiter> {
  const store = createStore(options);
  if (store instanceof RedisRateLimitStore) {
    await store.waitUntilReady();
    // Fail-open serves without Redis: its loss degrades the replica but must not take it out of its load balancer.
    options.readiness?.register('rate-limit-redis', () => store.isReady(), {
      required: options.failMode === 'closed',
    });
  }
  return new RateLimiter(store, { failMode: options.failMode, registry: options.registry });
}

function createStore(options: ResolvedRateLimitOptions): RateLimitStore {
  if (options.store) return options.store;
  if (options.redisUrl || options.redisClusterNodes?.length) {
    return new RedisRateLimitStore({
      url: options.redisUrl,
      clusterNodes: options.redisClusterNodes,
      prefix: options.prefix,
      commandTimeoutMs: options.redisCommandTimeoutMs,
    });
  }
  return new MemoryRateLimitStore({ maxKeys: options.maxKeys });
}
