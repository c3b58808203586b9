import { metricsProblem } from './metrics.validator';
import { MAX_METRICS_PER_READING } from './telemetry.limits';

describe(metricsProblem.name, () => {
  it('accepts names mapped to finite numbers', () => {
    expect(metricsProblem({ t: 21.5, 'air.co2_ppm': 410, h: 0 })).toBeUndefined();
  });

  it.each([
    ['an array', [1, 2]],
    ['null', null],
    ['a number', 5],
    ['an empty object', {}],
    ['a string value', { t: '21' }],
    ['a non-finite value', { t: Infinity }],
    ['a name with spaces', { 'air temp': 1 }],
    [
      'too many metrics',
      Object.fromEntries(Array.from({ length: MAX_METRICS_PER_READING + 1 }, (_, i) => [`m${i}`, i])),
    ],
  ])('refuses %s', (_, value) => {
    expect(metricsProblem(value)).toEqual(expect.any(String));
  });
});
