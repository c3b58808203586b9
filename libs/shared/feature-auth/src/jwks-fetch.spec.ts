import { maxAgeOf } from './jwks-fetch';

describe(maxAgeOf.name, () => {
  const lifetime = { defaultMs: 300_000, minMs: 60_000, maxMs: 900_000 };

  it.each([
    [null, 300_000],
    ['public', 300_000],
    ['public, max-age=600', 600_000],
    ['max-age=5', 60_000],
    ['max-age=86400', 900_000],
    ['no-cache', 60_000],
    ['no-store, max-age=600', 60_000],
    ['max-age=junk', 300_000],
  ])('keeps a JWKS sent with Cache-Control %p for %p ms', (cacheControl, expected) => {
    expect(maxAgeOf(cacheControl, lifetime)).toBe(expected);
  });
});
