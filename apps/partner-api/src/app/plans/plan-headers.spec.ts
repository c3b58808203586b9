import type { PolicyDecision, RateLimitPolicy } from '@concierge/shared/feature-rate-limit';
import { nearestExhaustion, planHeaders } from './plan-headers';

const burst: RateLimitPolicy = { name: 'burst', limit: 5, windowSec: 1, burst: 10 };
const daily: RateLimitPolicy = { name: 'daily', limit: 1000, windowSec: 86400, burst: 1000 };
const decision = (
  policy: RateLimitPolicy,
  remaining: number,
  allowed = true,
  retryAfterSec = 0,
): PolicyDecision => ({
  policy,
  allowed,
  remaining,
  resetSec: 7,
  retryAfterSec,
});

describe(planHeaders.name, () => {
  it('names both policies and shows the one with the fewest requests left', () => {
    expect(planHeaders([burst, daily], [decision(burst, 9), decision(daily, 3)])).toEqual({
      'RateLimit-Policy': '"burst";q=5;w=1, "daily";q=1000;w=86400',
      RateLimit: '"daily";r=3;t=7',
    });
  });

  it('shows the refusing policy with Retry-After when one refuses', () => {
    expect(planHeaders([burst, daily], [decision(burst, 0, false, 2), decision(daily, 500)])).toMatchObject({
      RateLimit: '"burst";r=0;t=7',
      'Retry-After': '2',
    });
  });

  it('sends only the policies when nothing is known (a store could not be asked)', () => {
    expect(planHeaders([burst, daily], [])).toEqual({
      'RateLimit-Policy': '"burst";q=5;w=1, "daily";q=1000;w=86400',
    });
  });
});

describe(nearestExhaustion.name, () => {
  it('prefers the refusal with the longest wait', () => {
    const sut = nearestExhaustion([decision(burst, 0, false, 1), decision(daily, 0, false, 3600)]);
    expect(sut?.policy.name).toBe('daily');
  });
});
