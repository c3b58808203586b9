import { Registry } from 'prom-client';
import {
  RATE_LIMIT_DECISIONS_METRIC,
  RateLimiter,
  RedisRateLimitStore,
  rateLimitRejection,
  type RateLimitPolicy,
} from '../src';
import { eventually, freePort, OwnRedisServer } from '@concierge/shared/util-testing';

const policies: RateLimitPolicy[] = [{ name: 'default', limit: 1000, windowSec: 60, burst: 1000 }];

async function count(registry: Registry, outcome: string): Promise<number> {
  const metric = await registry.getSingleMetric(RATE_LIMIT_DECISIONS_METRIC)?.get();
  if (!metric) throw new Error('the decision counter is not registered');
  return metric.values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
}

describe('Redis outage', () => {
  let server: OwnRedisServer;
  const registry = new Registry();
  let open: RateLimiter;
  let closed: RateLimiter;

  beforeAll(async () => {
    server = new OwnRedisServer(await freePort());
    await server.start();
    const storeOf = () =>
      new RedisRateLimitStore({ url: server.url, prefix: 'outage:', commandTimeoutMs: 500 });
    open = new RateLimiter(storeOf(), { failMode: 'open', registry });
    closed = new RateLimiter(storeOf(), { failMode: 'closed', registry: new Registry() });
    for (const limiter of [open, closed]) {
      jest
        .spyOn((limiter as unknown as { logger: { warn: () => void } }).logger, 'warn')
        .mockImplementation();
      await (limiter.store as RedisRateLimitStore).waitUntilReady(5_000);
    }
  }, 20_000);

  afterAll(async () => {
    await open?.onApplicationShutdown();
    await closed?.onApplicationShutdown();
    await server?.stop();
  });

  it('decides from Redis, keeps answering per mode while it is down, then recovers on its own', async () => {
    // Up: real decisions with remaining quota.
    const before = await open.check('caller', policies);
    expect(before).toMatchObject({ allowed: true });
    expect(before.failedOpen).toBeUndefined();
    expect(before.policies[0].remaining).toBe(999);
    expect((await closed.check('caller', policies)).allowed).toBe(true);
    expect(await open.store.isReady()).toBe(true);

    await server.stop();

    // Down: fail-open lets through and counts it; fail-closed refuses with a 503 problem.
    await eventually(async () => (await open.check('caller', policies)).failedOpen === true);
    const during = await Promise.all([1, 2, 3].map(() => open.check('caller', policies)));
    expect(during.every((d) => d.allowed && d.failedOpen)).toBe(true);
    expect(await count(registry, 'failed_open')).toBeGreaterThanOrEqual(4);
    const refused = await closed.check('caller', policies);
    expect(refused).toMatchObject({ allowed: false, unavailable: true });
    expect(rateLimitRejection(refused)).toMatchObject({
      status: 503,
      type: expect.stringMatching(/rate-limiter-unavailable$/),
    });
    expect(await open.store.isReady()).toBe(false);

    await server.start(); // same port, empty data set

    // Back: the same limiters decide from Redis again, without being recreated.
    await eventually(async () => (await open.check('caller', policies)).failedOpen === undefined);
    await eventually(async () => (await closed.check('caller', policies)).allowed);
    const after = await open.check('again', policies);
    expect(after.failedOpen).toBeUndefined();
    expect(after.policies[0].remaining).toBe(999);
    expect(await open.store.isReady()).toBe(true);
  }, 60_000);
});

describe('Redis that stops answering (paused: connections open, no replies)', () => {
  const COMMAND_TIMEOUT_MS = 250;
  let server: OwnRedisServer;
  let limiter: RateLimiter;

  beforeAll(async () => {
    server = new OwnRedisServer(await freePort());
    await server.start();
    limiter = new RateLimiter(
      new RedisRateLimitStore({ url: server.url, prefix: 'hung:', commandTimeoutMs: COMMAND_TIMEOUT_MS }),
      {
        failMode: 'open',
        registry: new Registry(),
      },
    );
    jest.spyOn((limiter as unknown as { logger: { warn: () => void } }).logger, 'warn').mockImplementation();
    await (limiter.store as RedisRateLimitStore).waitUntilReady(5_000);
  }, 20_000);

  afterAll(async () => {
    server?.resume();
    await limiter?.onApplicationShutdown();
    await server?.stop();
  });

  it('costs a fail-open request almost nothing once the breaker opens, instead of the whole deadline each', async () => {
    expect((await limiter.check('caller', policies)).failedOpen).toBeUndefined();
    server.pause();
    const waits: number[] = [];
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      const decision = await limiter.check('caller', policies);
      waits.push(performance.now() - started);
      expect(decision).toMatchObject({ allowed: true, failedOpen: true });
    }
    // Only the commands that open the breaker (3) and its rare probes wait out the deadline; the rest fail at once.
    const waitedTheDeadline = waits.filter((ms) => ms >= COMMAND_TIMEOUT_MS * 0.8).length;
    expect(waitedTheDeadline).toBeLessThanOrEqual(5);
    expect(await limiter.store.isReady()).toBe(false);

    server.resume();
    // The breaker lets a probe through after its pause; decisions come from Redis again without a restart.
    await eventually(async () => (await limiter.check('caller', policies)).failedOpen === undefined);
  }, 30_000);
});
