import Redis, { type RedisOptions } from 'ioredis';
import { quotaDecision, quotaWindow, type QuotaDecision, type QuotaPolicy } from './quota';
import type { QuotaStore } from './quota.store';
import { RateLimitStoreUnavailableError } from './rate-limit.store';

export interface RedisQuotaStoreOptions {
  url?: string;
  /** An ioredis client to use instead of opening one. */
  client?: Redis;
  /** Prepended to every key. Default `quota:`. */
  prefix?: string;
  /** How long one decision may wait for Redis, in ms. Default 250. */
  commandTimeoutMs?: number;
  redisOptions?: RedisOptions;
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

type WithQuota = Redis & {
  conciergeQuota(numKeys: number, ...keysAndArgs: string[]): Promise<[number, number]>;
};

const DAY_MS = 86_400_000;

/**
 * Quota counters in Redis, shared by every replica. The window comes from this process's clock (replicas'
 * clocks agree to well under a second, and a request at the very edge of midnight may fall on either day);
 * keys are `<prefix>{<key>}:<policy>:<window>`, the hash tag keeping one caller's counters in one slot.
 */
export class RedisQuotaStore implements QuotaStore {
  readonly kind = 'redis';
  private readonly redis: WithQuota;
  private readonly prefix: string;
  private readonly owned: boolean;
  private readonly clock: () => number;

  constructor({
    url,
    client,
    prefix = 'quota:',
    commandTimeoutMs = 250,
    redisOptions,
    clock = Date.now,
  }: RedisQuotaStoreOptions) {
    if (!client && !url) throw new Error('RedisQuotaStore needs a url or a client');
    this.owned = !client;
    this.redis = (client ??
      new Redis(url as string, {
        enableOfflineQueue: false,
        autoResendUnfulfilledCommands: false,
        maxRetriesPerRequest: 0,
        commandTimeout: commandTimeoutMs,
        connectTimeout: 2000,
        enableAutoPipelining: true,
        ...redisOptions,
      })) as WithQuota;
    // ioredis reports errors as events too; the caller sees each failure as a rejected decision.
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('conciergeQuota', { lua: QUOTA_LUA });
    this.prefix = prefix;
    this.clock = clock;
  }

  /** Resolves once connected, or after `timeoutMs` (false). */
  async waitUntilReady(timeoutMs = 2000): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async consume(key: string, policy: QuotaPolicy, cost = 1): Promise<QuotaDecision> {
    const now = this.clock();
    const window = quotaWindow(policy.period, now);
    const ttl = String(window.endMs - now + DAY_MS);
    const [allowed, used] = await this.ask(() =>
      this.redis.conciergeQuota(
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
    const used = Number((await this.ask(() => this.redis.get(this.keyOf(key, policy, window.id)))) ?? 0);
    return quotaDecision(policy, window, now, used, used < policy.limit);
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private keyOf(key: string, policy: QuotaPolicy, window: string): string {
    return `${this.prefix}{${key}}:${policy.name}:${window}`;
  }

  private async ask<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new RateLimitStoreUnavailableError(`Redis quota store: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}
