import { RedisConnection } from '@concierge/shared/data-access-redis';
import { OwnRedisCluster } from '@concierge/shared/util-testing';
import { RedisStore } from '../src';

/** The cluster `.ci/run` started (TEST_REDIS_CLUSTER_NODES), else one of this suite's own. */
const CI_NODES = process.env['TEST_REDIS_CLUSTER_NODES']?.split(',').filter(Boolean);

describe('response cache RedisStore on a Redis Cluster (3 masters)', () => {
  let own: OwnRedisCluster | undefined;
  let sut: RedisStore;

  beforeAll(async () => {
    let nodes = CI_NODES;
    if (!nodes?.length) {
      own = new OwnRedisCluster();
      await own.start(3);
      nodes = own.nodes;
    }
    const connection = new RedisConnection({
      name: 'response-cache',
      clusterNodes: nodes,
      commandTimeoutMs: 2_000,
    });
    expect(await connection.waitUntilReady(10_000)).toBe(true);
    sut = new RedisStore({ connection, keyPrefix: `test:cache-cluster:${process.pid}:${Date.now()}:` });
  }, 60_000);
  afterAll(async () => {
    await sut?.close();
    await own?.stop();
  });

  it('stores, serves and invalidates entries of many URLs spread over every master', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `GET /products/p-${i}`);
    await Promise.all(
      keys.map((key, i) => sut.set(key, { kind: 'vary', fields: ['accept'], generation: `g${i}` }, 60_000)),
    );
    const read = await Promise.all(keys.map((key) => sut.get(key)));
    expect(read.map((record) => (record?.kind === 'vary' ? record.generation : undefined))).toEqual(
      keys.map((_, i) => `g${i}`),
    );
    // One invalidation naming keys of many slots: no CROSSSLOT, every one gone.
    await sut.delete(keys);
    expect((await Promise.all(keys.map((key) => sut.get(key)))).every((record) => record === undefined)).toBe(
      true,
    );
    expect(await sut.ping()).toBe(true);
  });
});
