import { Registry } from 'prom-client';
import { OwnRedisCluster } from '@concierge/shared/util-testing';
import { RateLimiter, RedisRateLimitStore, type RateLimitPolicy } from '../src';

/** The cluster `.ci/run` started (TEST_REDIS_CLUSTER_NODES), else one of this suite's own. */
const CI_NODES = process.env['TEST_REDIS_CLUSTER_NODES']?.split(',').filter(Boolean);

describe('RedisRateLimitStore on a Redis Cluster (3 masters)', () => {
  let own: OwnRedisCluster | undefined;
  let nodes: string[];
  const stores: RedisRateLimitStore[] = [];
  const prefix = `test:cluster:${process.pid}:${Date.now()}:`;
  const replica = async () => {
    const store = new RedisRateLimitStore({ clusterNodes: nodes, prefix, commandTimeoutMs: 2_000 });
    stores.push(store);
    expect(await store.waitUntilReady(10_000)).toBe(true);
    return store;
  };

  beforeAll(async () => {
    if (CI_NODES?.length) nodes = CI_NODES;
    else {
      own = new OwnRedisCluster();
      await own.start(3);
      nodes = own.nodes;
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await own?.stop();
  });

  it('holds one limit exactly across two replicas: 100 allowed of 400 concurrent, not 200', async () => {
    const [a, b] = [await replica(), await replica()];
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 100, windowSec: 3600, burst: 100 }];
    const decisions = await Promise.all(
      Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).consume('user:shared', policies)),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(100);
  });

  it('evaluates several policies of one caller in one script (one hash slot, no CROSSSLOT), for callers on every master', async () => {
    const sut = await replica();
    const policies: RateLimitPolicy[] = [
      { name: 'burst', limit: 2, windowSec: 3600, burst: 2 },
      { name: 'sustained', limit: 5, windowSec: 3600, burst: 5 },
    ];
    // 30 callers hash to slots all over the cluster: each still gets exactly its burst.
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

  it('decides through the RateLimiter without failing open while the cluster is healthy', async () => {
    const limiter = new RateLimiter(await replica(), { failMode: 'closed', registry: new Registry() });
    const policies: RateLimitPolicy[] = [{ name: 'default', limit: 3, windowSec: 3600, burst: 3 }];
    const decisions = await Promise.all([1, 2, 3, 4, 5].map(() => limiter.check('user:limited', policies)));
    expect(decisions.map((d) => d.allowed).sort()).toEqual([false, false, true, true, true]);
    expect(decisions.some((d) => d.unavailable)).toBe(false);
  });
});
