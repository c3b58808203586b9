import { Registry } from 'prom-client';
import { startTestRedis, TEST_REDIS_KINDS, type TestRedis } from '@concierge/shared/util-testing';
import { RateLimiter, RedisRateLimitStore, type RateLimitPolicy } from '../src';

describe.each(TEST_REDIS_KINDS)(`${RedisRateLimitStore.name} on a Redis %s`, (kind) => {
  let redis: TestRedis;
  const stores: RedisRateLimitStore[] = [];
  const store = async () => {
    const sut = new RedisRateLimitStore({
      ...redis.connection,
      prefix: redis.prefix,
      commandTimeoutMs: 2_000,
    });
    stores.push(sut);
    expect(await sut.waitUntilReady(10_000)).toBe(true);
    return sut;
  };

  beforeAll(async () => {
    redis = await startTestRedis(kind, 'rl');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await redis?.stop();
  });

  it('allows exactly 50 of 200 concurrent requests against a limit of 50 on one key', async () => {
    const sut = await store();
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 50, windowSec: 3600, burst: 50 }];
    const decisions = await Promise.all(Array.from({ length: 200 }, () => sut.consume('one-key', policies)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
    expect(decisions.filter((d) => d.allowed && d.policies[0].remaining === 0)).toHaveLength(1);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterSec >= 1)).toBe(true);
  });

  it('holds one limit across two replicas (two connections): exactly L allowed in total, not 2L', async () => {
    const [a, b] = [await store(), await store()];
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 100, windowSec: 3600, burst: 100 }];
    const decisions = await Promise.all(
      Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).consume('shared', policies)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
  });

  it('keeps separate keys in separate buckets', async () => {
    const sut = await store();
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 3, windowSec: 3600, burst: 3 }];
    const alice = await Promise.all([1, 2, 3, 4].map(() => sut.consume('user:alice', policies)));
    const bob = await Promise.all([1, 2, 3, 4].map(() => sut.consume('user:bob', policies)));
    expect(alice.filter((d) => d.allowed)).toHaveLength(3);
    expect(bob.filter((d) => d.allowed)).toHaveLength(3);
  });

  it('commits only when every policy allows, in one slot per caller', async () => {
    const sut = await store();
    const policies: RateLimitPolicy[] = [
      { name: 'burst', limit: 2, windowSec: 3600, burst: 2 },
      { name: 'sustained', limit: 5, windowSec: 3600, burst: 5 },
    ];
    const first = await Promise.all([1, 2, 3, 4].map(() => sut.consume('multi', policies)));
    expect(first.filter((d) => d.allowed)).toHaveLength(2);
    // Which call Redis runs last is not the array's order (on a cluster, some wait for the slot map);
    // whatever the order, both refusals come after the two allowed calls, so each sees the same state.
    const refusals = first.filter((d) => !d.allowed);
    for (const refused of refusals) {
      expect(refused.policies.map((d) => [d.policy.name, d.allowed, d.remaining])).toEqual([
        ['burst', false, 0],
        ['sustained', true, 3], // neither refusal took anything from it
      ]);
    }
    expect(await redis.keys('{multi}:*')).toEqual([
      `${redis.prefix}{multi}:burst`,
      `${redis.prefix}{multi}:sustained`,
    ]);
    // The bucket lives exactly until it would be full again: 2 requests × 30 min.
    const ttl = await redis.client.pttl(`${redis.prefix}{multi}:burst`);
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });

  it('evaluates several policies of one caller in one script (one hash slot, no CROSSSLOT), for callers on every master', async () => {
    const sut = await store();
    const policies: RateLimitPolicy[] = [
      { name: 'burst', limit: 2, windowSec: 3600, burst: 2 },
      { name: 'sustained', limit: 5, windowSec: 3600, burst: 5 },
    ];
    // 30 callers hash to slots all over a cluster: each still gets exactly its burst.
    const callers = Array.from({ length: 30 }, (_, i) => `user:u-${i}`);
    const results = await Promise.all(
      callers.map(
        async (caller) =>
          (await Promise.all([1, 2, 3, 4].map(() => sut.consume(caller, policies)))).filter((d) => d.allowed)
            .length,
      ),
    );
    expect(results).toEqual(callers.map(() => 2));
  });

  it('reports headers consistent with what the next request meets', async () => {
    const sut = await store();
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 5, windowSec: 60, burst: 5 }];
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      const decision = await sut.consume('sequence', policies);
      seen.push(decision.allowed ? decision.policies[0].remaining : -1);
    }
    expect(seen).toEqual([4, 3, 2, 1, 0, -1]);
  });

  it('decides through the RateLimiter without failing open while Redis is healthy', async () => {
    const limiter = new RateLimiter(await store(), { failMode: 'closed', registry: new Registry() });
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 3, windowSec: 3600, burst: 3 }];
    const decisions = await Promise.all([1, 2, 3, 4, 5].map(() => limiter.check('user:limited', policies)));
    expect(decisions.map((d) => d.allowed).sort()).toEqual([false, false, true, true, true]);
    expect(decisions.some((d) => d.unavailable)).toBe(false);
  });
});
