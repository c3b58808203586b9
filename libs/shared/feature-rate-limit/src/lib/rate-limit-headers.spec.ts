import { gcra, type RateLimitPolicy } from './gcra';
import { rateLimitHeaders } from './rate-limit-headers';

const policies: RateLimitPolicy[] = [
  { name: 'burst', limit: 2, windowSec: 1, burst: 2 },
  { name: 'sustained', limit: 600, windowSec: 60, burst: 50 },
];

describe(rateLimitHeaders.name, () => {
  it('writes both draft fields, one item per policy, in the same order', () => {
    const { decision } = gcra(policies, [undefined, undefined], 0);
    expect(rateLimitHeaders(decision)).toEqual({
      'RateLimit-Policy': '"burst";q=2;w=1, "sustained";q=600;w=60',
      RateLimit: '"burst";r=1;t=1, "sustained";r=49;t=1',
    });
  });

  it('adds Retry-After in whole seconds when refused', () => {
    const { decision } = gcra(policies.slice(0, 1), [1000], 0);
    expect(rateLimitHeaders(decision)).toEqual({
      'RateLimit-Policy': '"burst";q=2;w=1',
      RateLimit: '"burst";r=0;t=1',
      'Retry-After': '1',
    });
  });

  it('leaves RateLimit out when the store could not be asked', () => {
    const decision = {
      allowed: true,
      failedOpen: true,
      retryAfterSec: 0,
      policies: [{ policy: policies[0], allowed: true, remaining: 0, resetSec: 0, retryAfterSec: 0 }],
    };
    expect(rateLimitHeaders(decision)).toEqual({ 'RateLimit-Policy': '"burst";q=2;w=1' });
  });
});
