import {
  InvalidRateLimitPolicyError,
  parseRateLimitPolicies,
  validateRateLimitPolicies,
} from './policy.parser';

describe(parseRateLimitPolicies.name, () => {
  it.each([
    ['600/60s', [{ name: 'default', limit: 600, windowSec: 60, burst: 600 }]],
    ['600/60s,burst=50', [{ name: 'default', limit: 600, windowSec: 60, burst: 50 }]],
    [' 600 / 60s , burst = 50 ', [{ name: 'default', limit: 600, windowSec: 60, burst: 50 }]],
    ['10/1s', [{ name: 'default', limit: 10, windowSec: 1, burst: 10 }]],
    ['5000/1h', [{ name: 'default', limit: 5000, windowSec: 3600, burst: 5000 }]],
    ['100/2m', [{ name: 'default', limit: 100, windowSec: 120, burst: 100 }]],
    ['1000/1d', [{ name: 'default', limit: 1000, windowSec: 86400, burst: 1000 }]],
    ['api:600/60s', [{ name: 'api', limit: 600, windowSec: 60, burst: 600 }]],
    [
      'burst:20/1s;sustained:600/60s,burst=100',
      [
        { name: 'burst', limit: 20, windowSec: 1, burst: 20 },
        { name: 'sustained', limit: 600, windowSec: 60, burst: 100 },
      ],
    ],
    ['off', []],
    ['OFF', []],
  ])('parses %p', (input, expected) => {
    expect(parseRateLimitPolicies(input)).toEqual(expected);
  });

  it.each([
    ['', /empty/],
    ['600', /form/],
    ['600/60', /form/],
    ['600/60x', /form/],
    ['0/60s', /limit/],
    ['-5/60s', /form/],
    ['1.5/60s', /form/],
    ['600/0s', /window/],
    ['600/60s,burst=0', /burst/],
    ['600/60s,bust=5', /form/],
    ['20/1s;600/60s', /name each/],
    ['a:20/1s;a:600/60s', /used twice/],
    ['bad name:20/1s', /policy name/],
    ['a:20/1s;', /empty policy/],
    ['off;a:10/1s', /form/],
    ['600/400d', /window/],
  ])('rejects %p, naming the input', (input, reason) => {
    let error: unknown;
    try {
      parseRateLimitPolicies(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRateLimitPolicyError);
    expect((error as Error).message).toContain(`"${input}"`);
    expect((error as Error).message).toMatch(reason);
  });
});

describe(validateRateLimitPolicies.name, () => {
  it('fills in the burst and rejects a fractional window', () => {
    expect(validateRateLimitPolicies([{ name: 'x', limit: 5, windowSec: 10 }])).toEqual([
      { name: 'x', limit: 5, windowSec: 10, burst: 5 },
    ]);
    expect(() => validateRateLimitPolicies([{ name: 'x', limit: 5, windowSec: 0.5 }])).toThrow(
      /window of "x"/,
    );
  });
});
