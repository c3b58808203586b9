import { Logger } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';
import { emissionInterval, gcra, type RateLimitDecision, type RateLimitPolicy } from './gcra';
import { GCRA_LUA } from './gcra.lua';
import { RateLimitStoreUnavailableError, type RateLimitStore } from './rate-limit.store';

export interface RedisStoreOptions {
  /** `redis://` or `rediss://` URL; ignored when `client` is given. */
  url?: string;
  /** An ioredis client to use instead of opening one (it should have `enableOfflineQueue: false`). */
  client?: Redis;
  /** Prepended to every key, e.g. `rl:` (the default) or a per-test prefix. */
  prefix?: string;
  /** How long one decision may wait for Redis before the fail mode applies, in ms. Default 250. */
  commandTimeoutMs?: number;
  /** Extra ioredis options (TLS, username...). */
  redisOptions?: RedisOptions;
}

type WithGcra = Redis & { conciergeGcra(numKeys: number, ...keysAndArgs: string[]): Promise<string[] | number[]> };

const MICROS = 1e6;

/**
 * Buckets in Redis, shared by every replica: one EVALSHA per decision that reads Redis's clock, evaluates
 * all policies and commits only if all allow — so N replicas allow L in total, never N × L. Keys are
 * `<prefix>{<key>}:<policy>`: the hash tag puts all of one caller's policies in one Cluster slot.
 *
 * Commands fail fast while Redis is away (no offline queue, a short command timeout, no re-sending of
 * unanswered commands, which could consume twice); ioredis keeps reconnecting on its own, so decisions
 * come from Redis again as soon as it is back.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly kind = 'redis';
  private readonly logger = new Logger(RedisRateLimitStore.name);
  private readonly redis: WithGcra;
  private readonly prefix: string;
  private readonly owned: boolean;
  private down = false;

  constructor({ url, client, prefix = 'rl:', commandTimeoutMs = 250, redisOptions }: RedisStoreOptions) {
    if (!client && !url) throw new Error('RedisRateLimitStore needs a url or a client');
    this.owned = !client;
    this.redis = (client ??
      new Redis(url as string, {
        enableOfflineQueue: false,
        autoResendUnfulfilledCommands: false,
        maxRetriesPerRequest: 0,
        commandTimeout: commandTimeoutMs,
        connectTimeout: 2000,
        // Decisions made in the same tick go to Redis as one write: under load, one syscall for many
        // requests instead of one each (still one atomic script per decision).
        enableAutoPipelining: true,
        ...redisOptions,
      })) as WithGcra;
    this.prefix = prefix;
    this.redis.defineCommand('conciergeGcra', { lua: GCRA_LUA });
    this.redis.on('error', (error: Error) => {
      if (!this.down) this.logger.warn(`Redis unreachable for rate limits: ${error.message}`);
      this.down = true;
    });
    this.redis.on('ready', () => {
      if (this.down) this.logger.log('Redis reachable again for rate limits');
      this.down = false;
    });
  }

  /** Resolves once connected, or after `timeoutMs` (false) — start-up should not hang on Redis. */
  async waitUntilReady(timeoutMs = 2000): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        resolve(ready);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.redis.once('ready', onReady);
    });
  }

  /** The Redis key of `policy`'s bucket for `key`. */
  keyOf(key: string, policy: RateLimitPolicy): string {
    return `${this.prefix}{${key}}:${policy.name}`;
  }

  async consume(key: string, policies: readonly RateLimitPolicy[], cost = 1): Promise<RateLimitDecision> {
    const args: string[] = [];
    for (const policy of policies) args.push(this.keyOf(key, policy));
    args.push(String(cost));
    for (const policy of policies) args.push(String(emissionInterval(policy, MICROS)), String(policy.burst));
    let reply: (string | number)[];
    try {
      reply = await this.redis.conciergeGcra(policies.length, ...args);
    } catch (error) {
      throw new RateLimitStoreUnavailableError(`Redis rate-limit store: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const now = Number(reply[1]);
    const tats = policies.map((_, i) => (reply[i + 2] === '' ? undefined : Number(reply[i + 2])));
    const { decision } = gcra(policies, tats, now, cost, MICROS);
    // The script's verdict is what was committed; the arithmetic above is the same, so they agree.
    return decision.allowed === (Number(reply[0]) === 1) ? decision : { ...decision, allowed: Number(reply[0]) === 1 };
  }

  async isReady(): Promise<boolean> {
    if (this.redis.status !== 'ready') return false;
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
