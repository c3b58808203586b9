import { problem, withResponseHeaders, type ProblemDetails } from '@concierge/shared/util-http';
import type { RateLimitDecision } from './gcra';
import { rateLimitHeaders } from './rate-limit-headers';

/**
 * The problem+json answer to a refused decision, with its headers attached (`withResponseHeaders`):
 * `429` typed `rate-limited` with `Retry-After` and the rate-limit fields, or `503` typed
 * `rate-limiter-unavailable` when the store is away in fail-closed mode. Throw it as
 * `new HttpException(p, p.status)`, or send it yourself with `responseHeadersOf(p)`.
 */
export function rateLimitRejection(decision: RateLimitDecision): ProblemDetails {
  if (decision.unavailable) {
    return withResponseHeaders(
      problem(503, 'Rate limits cannot be checked right now; try again shortly.', {
        type: 'rate-limiter-unavailable',
      }),
      { 'Retry-After': String(Math.max(1, decision.retryAfterSec)) },
    );
  }
  const denying = decision.policies.filter((d) => !d.allowed).map((d) => `"${d.policy.name}"`);
  const retry = Math.max(1, decision.retryAfterSec);
  return withResponseHeaders(
    problem(429, `Rate limit ${denying.join(', ')} exceeded; retry in ${retry} s.`, {
      type: 'rate-limited',
      retryAfter: retry,
    }),
    rateLimitHeaders(decision),
  );
}
