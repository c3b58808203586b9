import { startTestRedis, TEST_REDIS_KINDS, type TestRedis } from '@concierge/shared/util-testing';
import { RedisQuotaStore, type QuotaPolicy } from '../src';

describe.each(TEST_REDIS_KINDS)(`${RedisQuotaStore.name} on a Redis %s`, (kind) => {
  let redis: TestRedis;
  const stores: RedisQuotaStore[] = [];
  const store = async () => {
    const sut = new RedisQuotaStore({ ...redis.connection, prefix: redis.prefix, commandTimeoutMs: 2_000 });
    stores.push(sut);
    expect(await sut.waitUntilReady(10_000)).toBe(true);
    return sut;
  };

  beforeAll(async () => {
    redis = await startTestRedis(kind, 'quota');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await redis?.stop();
  });

  it('serves exactly the daily quota across two replicas (two connections), never twice it', async () => {
    const [a, b] = [await store(), await store()];
    const policy: QuotaPolicy = { name: 'daily', limit: 100, period: 'day' };
    const decisions = await Promise.all(
      Array.from({ length: 300 }, (_, i) => (i % 2 ? a : b).consume('acme', policy)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
    expect((await a.peek('acme', policy)).used).toBe(100);
  });

  it('counts callers whose keys hash all over the cluster, each exactly to its own quota', async () => {
    const sut = await store();
    const policy: QuotaPolicy = { name: 'daily', limit: 3, period: 'day' };
    const callers = Array.from({ length: 30 }, (_, i) => `partner:p-${i}`);
    const served = await Promise.all(
      callers.map(
        async (caller) =>
          (await Promise.all([1, 2, 3, 4, 5].map(() => sut.consume(caller, policy)))).filter((d) => d.allowed)
            .length,
      ),
    );
    expect(served).toEqual(callers.map(() => 3));
    expect(await Promise.all(callers.map(async (caller) => (await sut.peek(caller, policy)).used))).toEqual(
      callers.map(() => 3),
    );
  });

  it('expires the counter after the window ends, so no counter outlives its day by more than one more day', async () => {
    const sut = await store();
    await sut.consume('ttl', { name: 'daily', limit: 5, period: 'day' });
    const [key] = await redis.keys('{ttl}*');
    const ttl = await redis.client.pttl(key);
    expect(ttl).toBeGreaterThan(86_400_000);
    expect(ttl).toBeLessThanOrEqual(2 * 86_400_000);
  });
});

describe(`${RedisQuotaStore.name} without Redis`, () => {
  it('rejects at once instead of hanging when Redis cannot be reached', async () => {
    const sut = new RedisQuotaStore({ url: 'redis://127.0.0.1:1', commandTimeoutMs: 200 });
    await expect(sut.consume('x', { name: 'daily', limit: 1, period: 'day' })).rejects.toThrow(
      /Redis quota store/,
    );
    await expect(sut.peek('x', { name: 'daily', limit: 1, period: 'day' })).rejects.toThrow(
      /Redis quota store/,
    );
    expect(await sut.isReady()).toBe(false);
    await sut.close();
  });
});
