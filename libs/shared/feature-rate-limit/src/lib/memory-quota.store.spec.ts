import { MemoryQuotaStore } from './memory-quota.store';
import type { QuotaPolicy } from './quota';

describe(MemoryQuotaStore.name, () => {
  const policy: QuotaPolicy = { name: 'daily', limit: 3, period: 'day' };
  let now = Date.UTC(2026, 11, 1, 23, 59, 0);
  const sut = new MemoryQuotaStore({ clock: () => now });

  it('serves exactly the limit, does not count refusals, and starts again at UTC midnight', async () => {
    const decisions = await Promise.all([1, 2, 3, 4, 5].map(() => sut.consume('acme', policy)));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect((await sut.peek('acme', policy)).used).toBe(3);
    expect(decisions[4].resetSec).toBe(60);
    now = Date.UTC(2026, 11, 2, 0, 0, 1);
    expect(await sut.consume('acme', policy)).toMatchObject({ allowed: true, used: 1, remaining: 2 });
  });
});
