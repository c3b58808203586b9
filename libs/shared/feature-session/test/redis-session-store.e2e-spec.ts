import { RedisConnection } from '@concierge/shared/data-access-redis';
import { startTestRedis, TEST_REDIS_KINDS, type TestRedis } from '@concierge/shared/util-testing';
import { RedisSessionStore } from '../src/lib/redis-session.store';
import { SessionStoreUnavailableError } from '../src/lib/session-errors';

describe.each(TEST_REDIS_KINDS)(`${RedisSessionStore.name} on a Redis %s`, (kind) => {
  let redis: TestRedis;
  const connections: RedisConnection[] = [];
  /** One replica's store: its own connection, as each gateway process has. */
  const replica = async () => {
    const connection = new RedisConnection({ name: 'session', ...redis.connection, commandTimeoutMs: 2_000 });
    connections.push(connection);
    const store = new RedisSessionStore(connection, redis.prefix);
    expect(await store.waitUntilReady(10_000)).toBe(true);
    return store;
  };

  beforeAll(async () => {
    redis = await startTestRedis(kind, 'session');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(connections.map((c) => c.close()));
    await redis?.stop();
  });

  it('stores a session and its sid and sub indexes (different slots), found from another replica', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.set('k-1', 'sealed-1', 60_000, { sub: 'u-1', sid: 'sid-1' });
    await a.set('k-2', 'sealed-2', 60_000, { sub: 'u-1' });
    expect(await b.get('k-1')).toBe('sealed-1');
    expect((await b.keysOf({ sub: 'u-1' })).sort()).toEqual(['k-1', 'k-2']);
    expect(await b.keysOf({ sid: 'sid-1' })).toEqual(['k-1']);
    // On a Cluster the three keys really are spread over slots: no multi-key command could have held them.
    const slots = await Promise.all(
      ['s:k-1', 'sub:u-1', 'sid:sid-1'].map((name) =>
        redis.client.cluster('KEYSLOT', `${redis.prefix}${name}`),
      ),
    ).catch(() => undefined);
    if (kind === 'cluster') expect(new Set(slots).size).toBeGreaterThan(1);
    await b.delete('k-1');
    expect(await a.get('k-1')).toBeUndefined();
  });

  it('keeps each index as long as its longest session, and pushes a session back with touch', async () => {
    const sut = await replica();
    await sut.set('long', 'v', 60_000, { sub: 'u-ttl' });
    await sut.set('short', 'v', 5_000, { sub: 'u-ttl' });
    expect(await redis.client.pttl(`${redis.prefix}sub:u-ttl`)).toBeGreaterThan(50_000);
    await sut.touch('short', 30_000);
    expect(await redis.client.pttl(`${redis.prefix}s:short`)).toBeGreaterThan(20_000);
    // touch never creates a session that is gone
    await sut.touch('never-stored', 30_000);
    expect(await sut.get('never-stored')).toBeUndefined();
  });

  it('gives the refresh lock to one replica at a time, released only by its owner', async () => {
    const [a, b] = [await replica(), await replica()];
    const taken = await Promise.all([a, b, a, b].map((store) => store.tryLock('locked', 10_000)));
    expect(taken.filter(Boolean)).toHaveLength(1);
    const [owner, other] = taken[0] || taken[2] ? [a, b] : [b, a];
    await other.unlock('locked');
    expect(await other.tryLock('locked', 10_000)).toBe(false);
    await owner.unlock('locked');
    expect(await other.tryLock('locked', 10_000)).toBe(true);
  });
});

describe(`${RedisSessionStore.name} without Redis`, () => {
  it('rejects every operation at once with SessionStoreUnavailableError, and is not ready', async () => {
    const connection = new RedisConnection({
      name: 'session',
      url: 'redis://127.0.0.1:1',
      commandTimeoutMs: 200,
    });
    const sut = new RedisSessionStore(connection, 'nowhere:');
    const calls = [
      sut.get('k'),
      sut.set('k', 'v', 1000, { sub: 'u' }),
      sut.delete('k'),
      sut.touch('k', 1000),
      sut.keysOf({ sub: 'u' }),
      sut.tryLock('k', 1000),
      sut.unlock('k'),
    ];
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(SessionStoreUnavailableError);
    expect(await sut.isReady()).toBe(false);
    await connection.close();
  });
});
