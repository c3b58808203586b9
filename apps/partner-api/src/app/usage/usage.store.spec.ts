import { utcDay } from './usage.store';

describe(utcDay.name, () => {
  it('names the UTC day of a moment, across midnight and back, as toISOString does', () => {
    const midnight = Date.UTC(2026, 11, 2);
    const moments = [midnight - 1, midnight, midnight + 1, midnight - 86_400_000, midnight + 86_399_999];
    for (const ms of [...moments, ...moments.reverse()])
      expect([ms, utcDay(ms)]).toEqual([ms, new Date(ms).toISOString().slice(0, 10)]);
    expect(utcDay(midnight - 1)).toBe('2026-12-01');
    expect(utcDay(midnight)).toBe('2026-12-02');
  });
});
