import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { parseClusterNodes, RedisConnection } from '@concierge/shared/data-access-redis';
import { GatewayConfig, ReadinessService } from '@concierge/shared/feature-gateway-core';
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
 * One Redis connection for plan rates, quotas and usage (all under `PARTNER_REDIS_PREFIX`), shared by every
 * replica: a Cluster when `REDIS_CLUSTER_NODES` is set, else `REDIS_URL`; in-process stores without either.
 * Commands fail fast while Redis is away (deadline, breaker); `RATE_LIMIT_FAIL_MODE` then decides (see the
 * plan guard), and in `closed` mode the replica is not ready without Redis, as for every other limit.
 */
@Module({
  providers: [
    {
      provide: PARTNER_REDIS,
      inject: [GatewayConfig, ReadinessService],
      useFactory: async ({ env }: Config, readiness: ReadinessService) => {
        const clusterNodes = env.REDIS_CLUSTER_NODES ? parseClusterNodes(env.REDIS_CLUSTER_NODES) : undefined;
        if (!env.REDIS_URL && !clusterNodes) return null;
        const connection = new RedisConnection({
          name: 'partner',
          url: env.REDIS_URL,
          clusterNodes,
          commandTimeoutMs: env.PARTNER_REDIS_TIMEOUT_MS,
        });
        // Connected before the first request when Redis is there; start-up never hangs on it when it is not.
        await connection.waitUntilReady();
        readiness.register('partner-redis', () => connection.ping(), {
          required: env.RATE_LIMIT_FAIL_MODE === 'closed',
        });
        return connection;
      },
    },
    {
      provide: QUOTA_STORE,
      inject: [GatewayConfig, PARTNER_REDIS],
      useFactory: ({ env }: Config, redis: RedisConnection | null): QuotaStore =>
        redis
          ? new RedisQuotaStore({ connection: redis, prefix: `${env.PARTNER_REDIS_PREFIX}quota:` })
          : new MemoryQuotaStore(),
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
        redis ? new RedisUsageStore(redis, `${env.PARTNER_REDIS_PREFIX}usage:`) : new MemoryUsageStore(),
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
