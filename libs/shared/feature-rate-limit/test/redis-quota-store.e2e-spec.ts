import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisQuotaStore, type QuotaPolicy } from '../src';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe(RedisQuotaStore.name, () => {
  const prefix = `test:quota:${randomUUID()}:`;
  const stores: RedisQuotaStore[] = [];
  const store = async () => {
    const sut = new RedisQuotaStore({ url: REDIS_URL, prefix, commandTimeoutMs: 2_000 });
    stores.push(sut);
    await sut.waitUntilReady();
    return sut;
  };

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await Promise.all(stores.map((s) => s.close()));
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

  it('expires the counter after the window ends, so no counter outlives its day by more than one more day', async () => {
    const sut = await store();
    await sut.consume('ttl', { name: 'daily', limit: 5, period: 'day' });
    const redis = new Redis(REDIS_URL);
    const [key] = await redis.keys(`${prefix}{ttl}*`);
    const ttl = await redis.pttl(key);
    await redis.quit();
    expect(ttl).toBeGreaterThan(86_400_000);
    expect(ttl).toBeLessThanOrEqual(2 * 86_400_000);
  });

  it('rejects instead of hanging when Redis cannot be reached', async () => {
    const sut = new RedisQuotaStore({
      url: 'redis://127.0.0.1:1',
      commandTimeoutMs: 200,
      redisOptions: { retryStrategy: () => null },
    });
    await expect(sut.consume('x', { name: 'daily', limit: 1, period: 'day' })).rejects.toThrow(
      /Redis quota store/,
    );
    await sut.close();
  });
});
