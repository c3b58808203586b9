import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisConnection } from '@concierge/shared/data-access-redis';
import { GatewayConfig } from '@concierge/shared/feature-gateway-core';
import {
  MemoryQuotaStore,
  MemoryRateLimitStore,
  RateLimiter,
  RedisQuotaStore,
  RedisRateLimitStore,
  type QuotaStore,
} from '@concierge/shared/feature-rate-limit';
import { MemoryUsageStore } from '../usage/memory-usage.store';
import { RedisUsageStore } from '../usage/redis-usage.store';
import type { UsageStore } from '../usage/usage.store';
import type { PartnerEnvironment } from '../partner.environment';

type Config = GatewayConfig<PartnerEnvironment>;

/** The partner API's own counters: quotas (exact across replicas) and usage. */
export const QUOTA_STORE = Symbol('QUOTA_STORE');
export const USAGE_STORE = Symbol('USAGE_STORE');
/** Plans' short-window rates and the bound on unverified keys, under the partner API's own key prefix. */
export const PARTNER_LIMITER = Symbol('PARTNER_LIMITER');
const PARTNER_REDIS = Symbol('PARTNER_REDIS');

/**
 * One Redis connection for plan rates, quotas and usage (all under `PARTNER_REDIS_PREFIX`) when `REDIS_URL` is set (shared by every replica), in-process
 * stores otherwise. Commands fail fast while Redis is away; the fail mode then decides (see the plan guard).
 */
@Module({
  providers: [
    {
      provide: PARTNER_REDIS,
      inject: [GatewayConfig],
      useFactory: ({ env }: Config) =>
        env.REDIS_URL
          ? new RedisConnection({
              name: 'partner',
              url: env.REDIS_URL,
              commandTimeoutMs: env.PARTNER_REDIS_TIMEOUT_MS,
            })
          : null,
    },
    {
      provide: QUOTA_STORE,
      inject: [GatewayConfig, PARTNER_REDIS],
      useFactory: async ({ env }: Config, redis: RedisConnection | null): Promise<QuotaStore> => {
        if (!redis) return new MemoryQuotaStore();
        const store = new RedisQuotaStore({
          client: redis.client as Redis,
          prefix: `${env.PARTNER_REDIS_PREFIX}quota:`,
        });
        await store.waitUntilReady();
        return store;
      },
    },
    {
      provide: PARTNER_LIMITER,
      inject: [GatewayConfig, PARTNER_REDIS],
      useFactory: ({ env }: Config, redis: RedisConnection | null) =>
        new RateLimiter(
          redis
            ? new RedisRateLimitStore({
                connection: redis,
                prefix: `${env.PARTNER_REDIS_PREFIX}rl:`,
              })
            : new MemoryRateLimitStore(),
          { failMode: env.RATE_LIMIT_FAIL_MODE },
        ),
    },
    {
      provide: USAGE_STORE,
      inject: [GatewayConfig, PARTNER_REDIS],
      useFactory: ({ env }: Config, redis: RedisConnection | null): UsageStore =>
        redis
          ? new RedisUsageStore(redis.client as Redis, `${env.PARTNER_REDIS_PREFIX}usage:`)
          : new MemoryUsageStore(),
    },
  ],
  exports: [QUOTA_STORE, USAGE_STORE, PARTNER_LIMITER],
})
export class PartnerStoresModule implements OnApplicationShutdown {
  constructor(@Inject(PARTNER_REDIS) private readonly redis: RedisConnection | null) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.close();
  }
}
