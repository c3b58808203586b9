import { usageDays } from './usage-range';

describe(usageDays.name, () => {
  const now = Date.UTC(2026, 11, 3, 12);

  it('is today when nothing is asked, and every day from..to otherwise', () => {
    expect(usageDays(undefined, undefined, now)).toEqual({
      from: '2026-12-03',
      to: '2026-12-03',
      days: ['2026-12-03'],
    });
    expect(usageDays('2026-11-30', '2026-12-02', now).days).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
    ]);
    expect(usageDays('2026-12-01', undefined, now).to).toBe('2026-12-03');
  });

  it('refuses reversed, too long and impossible ranges with 400', () => {
    expect(() => usageDays('2026-12-02', '2026-12-01', now)).toThrow();
    expect(() => usageDays('2026-01-01', '2026-12-01', now)).toThrow();
    expect(() => usageDays('2026-02-30', undefined, now)).toThrow();
  });
});
