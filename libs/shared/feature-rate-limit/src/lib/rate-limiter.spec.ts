import { Registry } from 'prom-client';
import type { RateLimitPolicy } from './gcra';
import { MemoryRateLimitStore } from './memory.store';
import { RATE_LIMIT_DECISIONS_METRIC } from './rate-limit.metrics';
import { RateLimitStoreUnavailableError, type RateLimitStore } from './rate-limit.store';
import { RateLimiter } from './rate-limiter';

const policies: RateLimitPolicy[] = [{ name: 'default', limit: 2, windowSec: 60, burst: 2 }];

const brokenStore: RateLimitStore = {
  kind: 'redis',
  consume: () => Promise.reject(new RateLimitStoreUnavailableError('connection refused')),
  isReady: async () => false,
  close: async () => undefined,
};

async function counts(registry: Registry) {
  const metric = await registry.getSingleMetric(RATE_LIMIT_DECISIONS_METRIC)?.get();
  if (!metric) throw new Error('the decision counter is not registered');
  return Object.fromEntries(metric.values.map((v) => [`${v.labels.store}/${v.labels.outcome}`, v.value]));
}

describe(RateLimiter.name, () => {
  it('counts allowed and limited decisions', async () => {
    const registry = new Registry();
    const sut = new RateLimiter(new MemoryRateLimitStore({ purgeIntervalMs: 0 }), { registry });
    for (let i = 0; i < 3; i++) await sut.check('k', policies);
    expect(await counts(registry)).toMatchObject({ 'memory/allowed': 2, 'memory/limited': 1 });
    await sut.onApplicationShutdown();
  });

  it('fails open by default: allows, marks the decision and counts it', async () => {
    const registry = new Registry();
    const sut = new RateLimiter(brokenStore, { registry, warnEveryMs: 60_000 });
    const warn = jest
      .spyOn((sut as unknown as { logger: { warn: () => void } }).logger, 'warn')
      .mockImplementation();
    const decisions = await Promise.all([1, 2, 3].map(() => sut.check('k', policies)));
    expect(decisions.every((d) => d.allowed && d.failedOpen)).toBe(true);
    expect(await counts(registry)).toMatchObject({ 'redis/failed_open': 3 });
    expect(warn).toHaveBeenCalledTimes(1); // rate-limited, not once per request
  });

  it('fails closed when configured: refuses as unavailable', async () => {
    const registry = new Registry();
    const sut = new RateLimiter(brokenStore, { registry, failMode: 'closed' });
    jest.spyOn((sut as unknown as { logger: { warn: () => void } }).logger, 'warn').mockImplementation();
    const decision = await sut.check('k', policies);
    expect(decision).toMatchObject({ allowed: false, unavailable: true, retryAfterSec: 1 });
    expect(await counts(registry)).toMatchObject({ 'redis/failed_closed': 1 });
  });

  it('allows without asking the store when there is no policy', async () => {
    const sut = new RateLimiter(brokenStore, { registry: new Registry() });
    expect(await sut.check('k', [])).toEqual({ allowed: true, policies: [], retryAfterSec: 0 });
  });
});
