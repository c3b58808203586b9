import type { RedisClient } from '@concierge/shared/data-access-redis';
import { emissionInterval, gcra, type RateLimitDecision, type RateLimitPolicy } from './gcra';
import { GCRA_LUA } from './gcra.lua';
import type { RateLimitStore } from './rate-limit.store';
import { RedisStoreConnection, type RedisStoreConnectionOptions } from './redis-store.connection';

export interface RedisStoreOptions extends RedisStoreConnectionOptions {
  /** Prepended to every key, e.g. `rl:` (the default) or a per-test prefix. */
  prefix?: string;
}

type WithGcra = RedisClient & {
  conciergeGcra(numKeys: number, ...keysAndArgs: string[]): Promise<(string | number)[]>;
};

const MICROS = 1e6;

/**
 * Buckets in Redis (a server or a Cluster), shared by every replica: one EVALSHA per decision that reads
 * Redis's clock, evaluates all policies and commits only if all allow — so N replicas allow L in total,
 * never N × L. Keys are `<prefix>{<key>}:<policy>`: the hash tag puts all of one caller's policies in one
 * Cluster slot, so the script's keys never span slots.
 *
 * The connection fails fast (see `RedisConnection`): while Redis is away or not answering, a decision
 * costs at most the command deadline, and nothing once the breaker is open; the `RateLimiter` then applies
 * the fail mode.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly kind = 'redis';
  private readonly redis: RedisStoreConnection;
  private readonly prefix: string;

  constructor({ prefix = 'rl:', ...connectionOptions }: RedisStoreOptions) {
    this.redis = new RedisStoreConnection(
      { store: 'RedisRateLimitStore', failure: 'Redis rate-limit store', connection: 'rate-limit' },
      connectionOptions,
    );
    this.prefix = prefix;
    this.redis.connection.client.defineCommand('conciergeGcra', { lua: GCRA_LUA });
  }

  /** Resolves once connected, or after `timeoutMs` (false) — start-up should not hang on Redis. */
  waitUntilReady(timeoutMs = 2000): Promise<boolean> {
    return this.redis.waitUntilReady(timeoutMs);
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
    const reply = await this.redis.run((client) =>
      (client as WithGcra).conciergeGcra(policies.length, ...args),
    );
    const now = Number(reply[1]);
    const tats = policies.map((_, i) => (reply[i + 2] === '' ? undefined : Number(reply[i + 2])));
    const { decision } = gcra(policies, tats, now, cost, MICROS);
    // The script's verdict is what was committed; the arithmetic above is the same, so they agree.
    return decision.allowed === (Number(reply[0]) === 1)
      ? decision
      : { ...decision, allowed: Number(reply[0]) === 1 };
  }

  isReady(): Promise<boolean> {
    return this.redis.isReady();
  }

  close(): Promise<void> {
    return this.redis.close();
  }
}
