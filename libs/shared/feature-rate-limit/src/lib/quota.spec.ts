import { asPolicyDecision, quotaDecision, quotaWindow, type QuotaPolicy } from './quota';

describe(quotaWindow.name, () => {
  it('aligns a day to UTC midnight and a month to the 1st, whatever the local time zone', () => {
    const now = Date.UTC(2026, 11, 31, 23, 59, 30);
    expect(quotaWindow('day', now)).toEqual({
      id: '2026-12-31',
      startMs: Date.UTC(2026, 11, 31),
      endMs: Date.UTC(2027, 0, 1),
    });
    expect(quotaWindow('month', now)).toEqual({
      id: '2026-12',
      startMs: Date.UTC(2026, 11, 1),
      endMs: Date.UTC(2027, 0, 1),
    });
    expect(quotaWindow('day', Date.UTC(2027, 0, 1)).id).toBe('2027-01-01');
  });
});

describe(quotaDecision.name, () => {
  const daily: QuotaPolicy = { name: 'daily', limit: 1000, period: 'day' };

  it('resets at the next UTC midnight: 30 s before it, Retry-After is 30', () => {
    const now = Date.UTC(2026, 11, 1, 23, 59, 30);
    const sut = quotaDecision(daily, quotaWindow('day', now), now, 1000, false);
    expect(sut).toMatchObject({ allowed: false, remaining: 0, resetSec: 30 });
    expect(asPolicyDecision(sut)).toMatchObject({
      policy: { name: 'daily', limit: 1000, windowSec: 86400 },
      retryAfterSec: 30,
    });
  });
});
