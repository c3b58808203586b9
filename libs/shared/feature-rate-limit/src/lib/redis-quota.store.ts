import type { RedisClient } from '@concierge/shared/data-access-redis';
import { quotaDecision, quotaWindow, type QuotaDecision, type QuotaPolicy } from './quota';
import type { QuotaStore } from './quota.store';
import { RedisStoreConnection, type RedisStoreConnectionOptions } from './redis-store.connection';

export interface RedisQuotaStoreOptions extends RedisStoreConnectionOptions {
  /** Prepended to every key. Default `quota:`. */
  prefix?: string;
  /** Wall-clock milliseconds; tests inject their own. */
  clock?: () => number;
}

/**
 * KEYS[1]: the counter of one caller, policy and window. ARGV: limit, cost, ms until the window ends (plus a
 * day, so a late replica still finds it). Counts only when the quota allows, in one atomic step, so N
 * replicas serve exactly `limit` requests per window between them. Returns { allowed (1|0), used }.
 */
const QUOTA_LUA = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local limit = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
if used + cost > limit then return { 0, used } end
used = redis.call('INCRBY', KEYS[1], cost)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { 1, used }
`;

type WithQuota = RedisClient & {
  conciergeQuota(numKeys: number, ...keysAndArgs: string[]): Promise<[number, number]>;
};

const DAY_MS = 86_400_000;

/**
 * Quota counters in Redis (a server or a Cluster), shared by every replica. The window comes from this
 * process's clock (replicas' clocks agree to well under a second, and a request at the very edge of
 * midnight may fall on either day); keys are `<prefix>{<key>}:<policy>:<window>`, one key per script, the
 * hash tag keeping one caller's counters in one Cluster slot.
 *
 * The connection fails fast (see `RedisConnection`): while Redis is away a decision costs at most the
 * command deadline, nothing once the breaker is open, and rejects with `RateLimitStoreUnavailableError`;
 * the caller applies `RATE_LIMIT_FAIL_MODE` (the partner API's plan guard does).
 */
export class RedisQuotaStore implements QuotaStore {
  readonly kind = 'redis';
  private readonly redis: RedisStoreConnection;
  private readonly prefix: string;
  private readonly clock: () => number;

  constructor({ prefix = 'quota:', clock = Date.now, ...connectionOptions }: RedisQuotaStoreOptions) {
    this.redis = new RedisStoreConnection(
      { store: 'RedisQuotaStore', failure: 'Redis quota store', connection: 'quota' },
      connectionOptions,
    );
    this.redis.connection.client.defineCommand('conciergeQuota', { lua: QUOTA_LUA });
    this.prefix = prefix;
    this.clock = clock;
  }

  /** Resolves once connected, or after `timeoutMs` (false) — start-up should not hang on Redis. */
  waitUntilReady(timeoutMs = 2000): Promise<boolean> {
    return this.redis.waitUntilReady(timeoutMs);
  }

  async consume(key: string, policy: QuotaPolicy, cost = 1): Promise<QuotaDecision> {
    const now = this.clock();
    const window = quotaWindow(policy.period, now);
    const ttl = String(window.endMs - now + DAY_MS);
    const [allowed, used] = await this.redis.run((client) =>
      (client as WithQuota).conciergeQuota(
        1,
        this.keyOf(key, policy, window.id),
        String(policy.limit),
        String(cost),
        ttl,
      ),
    );
    return quotaDecision(policy, window, now, Number(used), Number(allowed) === 1);
  }

  async peek(key: string, policy: QuotaPolicy): Promise<QuotaDecision> {
    const now = this.clock();
    const window = quotaWindow(policy.period, now);
    const used = Number(
      (await this.redis.run((client) => client.get(this.keyOf(key, policy, window.id)))) ?? 0,
    );
    return quotaDecision(policy, window, now, used, used < policy.limit);
  }

  /** Whether Redis answers now (readiness). */
  isReady(): Promise<boolean> {
    return this.redis.isReady();
  }

  close(): Promise<void> {
    return this.redis.close();
  }

  private keyOf(key: string, policy: QuotaPolicy, window: string): string {
    return `${this.prefix}{${key}}:${policy.name}:${window}`;
  }
}
