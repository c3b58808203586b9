import Redis from 'ioredis';
import { RedisConnection } from '@concierge/shared/data-access-redis';
import { eventually, startRedisServer, type TestRedisServer } from '@concierge/shared/util-testing';
import { RedisUsageStore } from '../src/app/usage/redis-usage.store';
import type { UsageEvent } from '../src/app/usage/usage.store';

/** Calls per command since the last CONFIG RESETSTAT, from INFO commandstats. */
async function commandCalls(admin: Redis): Promise<Record<string, number>> {
  const info = await admin.info('commandstats');
  const calls: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) calls[match[1]] = Number(match[2]);
  delete calls['config'];
  delete calls['info'];
  return calls;
}

describe(`${RedisUsageStore.name} on a Redis of its own`, () => {
  let server: TestRedisServer;
  let connection: RedisConnection;
  let admin: Redis;
  let store: RedisUsageStore;
  const event: UsageEvent = {
    consumer: 'app-1',
    operation: 'GET /v1/products/:id',
    statusClass: '2xx',
    day: '2026-12-01',
  };
  const countOf = async () =>
    (await store.read([event.day], event.consumer))[0]?.operations[event.operation]?.['2xx'] ?? 0;

  beforeAll(async () => {
    server = await startRedisServer();
    connection = new RedisConnection({ name: 'usage', url: server.url, commandTimeoutMs: 2_000 });
    expect(await connection.waitUntilReady(10_000)).toBe(true);
    admin = new Redis(server.url);
    store = new RedisUsageStore(connection, 'usage:');
  }, 30_000);
  afterAll(async () => {
    await connection?.close();
    admin?.disconnect();
    await server?.stop();
  });

  it("counts a partner's requests with one command each once its day is registered, every count kept", async () => {
    store.record(event);
    await eventually(async () => (await countOf()) === 1, 5_000, 10);
    await admin.config('RESETSTAT');

    for (let i = 0; i < 20; i++) store.record(event);
    await eventually(async () => (await countOf()) === 21, 5_000, 10);

    const calls = await commandCalls(admin);
    expect(calls['hincrby']).toBe(20);
    expect(Object.keys(calls).filter((name) => !['hincrby', 'hgetall'].includes(name))).toEqual([]);
    expect(await admin.ttl(`usage:{app-1}:2026-12-01`)).toBeGreaterThan(0);
    expect(await admin.smembers('usage:consumers:2026-12-01')).toEqual(['app-1']);
  });

  it('gives a key Redis lost its TTL and its place in the day back within the hour', async () => {
    await admin.flushall();
    store.record(event);
    await eventually(async () => (await countOf()) === 1, 5_000, 10);
    // Registered by the first test: the count alone went, and Redis no longer knows the key's TTL or day.
    expect(await admin.ttl(`usage:{app-1}:2026-12-01`)).toBe(-1);

    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 3_600_001);
    store.record(event);
    clock.mockRestore();
    await eventually(async () => (await countOf()) === 2, 5_000, 10);

    expect(await admin.ttl(`usage:{app-1}:2026-12-01`)).toBeGreaterThan(0);
    expect(await admin.smembers('usage:consumers:2026-12-01')).toEqual(['app-1']);
  });
});
