import { MemoryRateLimitStore } from './memory.store';
import type { RateLimitPolicy } from './gcra';

const perSecond: RateLimitPolicy[] = [{ name: 'default', limit: 10, windowSec: 1, burst: 10 }];

describe(MemoryRateLimitStore.name, () => {
  let now: number;
  let sut: MemoryRateLimitStore;

  beforeEach(() => {
    now = 5_000;
    sut = new MemoryRateLimitStore({ maxKeys: 1_000, clock: () => now, purgeIntervalMs: 0 });
  });
  afterEach(() => sut.close());

  it('holds one bucket per key', async () => {
    const results = await Promise.all(Array.from({ length: 15 }, () => sut.consume('a', perSecond)));
    expect(results.filter((d) => d.allowed)).toHaveLength(10);
    expect((await sut.consume('b', perSecond)).allowed).toBe(true);
  });

  it('commits a request only when all policies allow it', async () => {
    const policies: RateLimitPolicy[] = [
      { name: 'burst', limit: 2, windowSec: 1, burst: 2 },
      { name: 'sustained', limit: 3, windowSec: 60, burst: 3 },
    ];
    expect(sut.consumeSync('k', policies).allowed).toBe(true);
    expect(sut.consumeSync('k', policies).allowed).toBe(true);
    expect(sut.consumeSync('k', policies).allowed).toBe(false);
    now += 1_000;
    expect(sut.consumeSync('k', policies).allowed).toBe(true);
    const refused = sut.consumeSync('k', policies);
    expect(refused.allowed).toBe(false);
    expect(refused.policies[0].remaining).toBe(1); // the burst policy kept what the refusal did not take
  });

  it('stays within its bound under a flood of 200 000 distinct keys', () => {
    for (let i = 0; i < 200_000; i++) {
      sut.consumeSync(`ip:${i}`, perSecond);
      if (i % 10_000 === 0) expect(sut.size).toBeLessThanOrEqual(1_000);
    }
    expect(sut.size).toBeLessThanOrEqual(1_000);
  });

  it('lets a key go once its bucket is full again, and forgets nothing it still needs', () => {
    for (let i = 0; i < 10; i++) sut.consumeSync('k', perSecond);
    now += 500;
    sut.purgeStale();
    expect(sut.size).toBe(1);
    expect(sut.consumeSync('k', perSecond).policies[0].remaining).toBe(4); // 5 refilled, this one spent one
    now += 1_001;
    sut.purgeStale();
    expect(sut.size).toBe(0);
  });
});
