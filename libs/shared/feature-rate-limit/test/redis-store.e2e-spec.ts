import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisRateLimitStore, type RateLimitPolicy } from '../src';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe(RedisRateLimitStore.name, () => {
  const prefix = `test:rl:${randomUUID()}:`;
  const stores: RedisRateLimitStore[] = [];
  const store = () => {
    const sut = new RedisRateLimitStore({ url: REDIS_URL, prefix, commandTimeoutMs: 2_000 });
    stores.push(sut);
    return sut;
  };

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await Promise.all(stores.map((s) => s.close()));
  });

  it('allows exactly 50 of 200 concurrent requests against a limit of 50 on one key', async () => {
    const sut = store();
    await sut.waitUntilReady();
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 50, windowSec: 3600, burst: 50 }];
    const decisions = await Promise.all(Array.from({ length: 200 }, () => sut.consume('one-key', policies)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
    expect(decisions.filter((d) => d.allowed && d.policies[0].remaining === 0)).toHaveLength(1);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterSec >= 1)).toBe(true);
  });

  it('holds one limit across two replicas (two connections): exactly L allowed in total, not 2L', async () => {
    const [a, b] = [store(), store()];
    await Promise.all([a.waitUntilReady(), b.waitUntilReady()]);
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 100, windowSec: 3600, burst: 100 }];
    const decisions = await Promise.all(
      Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).consume('shared', policies)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
  });

  it('keeps separate keys in separate buckets', async () => {
    const sut = store();
    await sut.waitUntilReady();
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 3, windowSec: 3600, burst: 3 }];
    const alice = await Promise.all([1, 2, 3, 4].map(() => sut.consume('user:alice', policies)));
    const bob = await Promise.all([1, 2, 3, 4].map(() => sut.consume('user:bob', policies)));
    expect(alice.filter((d) => d.allowed)).toHaveLength(3);
    expect(bob.filter((d) => d.allowed)).toHaveLength(3);
  });

  it('commits only when every policy allows, in one slot per caller', async () => {
    const sut = store();
    await sut.waitUntilReady();
    const policies: RateLimitPolicy[] = [
      { name: 'burst', limit: 2, windowSec: 3600, burst: 2 },
      { name: 'sustained', limit: 5, windowSec: 3600, burst: 5 },
    ];
    const first = await Promise.all([1, 2, 3, 4].map(() => sut.consume('multi', policies)));
    expect(first.filter((d) => d.allowed)).toHaveLength(2);
    const last = first[first.length - 1];
    expect(last.policies.map((d) => [d.policy.name, d.allowed, d.remaining])).toEqual([
      ['burst', false, 0],
      ['sustained', true, 3], // the two refusals took nothing from it
    ]);
    const redis = new Redis(REDIS_URL);
    const keys = (await redis.keys(`${prefix}{multi}:*`)).sort();
    const ttl = await redis.pttl(`${prefix}{multi}:burst`);
    await redis.quit();
    expect(keys).toEqual([`${prefix}{multi}:burst`, `${prefix}{multi}:sustained`]);
    // The bucket lives exactly until it would be full again: 2 requests × 30 min.
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });

  it('reports headers consistent with what the next request meets', async () => {
    const sut = store();
    await sut.waitUntilReady();
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 5, windowSec: 60, burst: 5 }];
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = await sut.consume('sequence', policies);
      seen.push(decision.allowed ? decision.policies[0].remaining : -1);
    }
    expect(seen).toEqual([4, 3, 2, 1, 0, -1]);
  });
});
