import type { RateLimitDecision, RateLimitPolicy } from './gcra';

/** Header names of the IETF httpapi rate-limit-headers draft (10 and later). */
export const RATE_LIMIT_POLICY_HEADER = 'RateLimit-Policy';
export const RATE_LIMIT_HEADER = 'RateLimit';

/**
 * `RateLimit-Policy` as a structured-field list, one item per policy: `"burst";q=20;w=1, "sustained";q=600;w=60`
 * (quota and window in seconds; the burst is not a draft parameter, so it is left out).
 */
export function rateLimitPolicyHeader(policies: readonly RateLimitPolicy[]): string {
  let value = '';
  for (const p of policies) value += `${value ? ', ' : ''}"${p.name}";q=${p.limit};w=${p.windowSec}`;
  return value;
}

/**
 * `RateLimit` as a structured-field list with one item per policy, in the order of `RateLimit-Policy`:
 * `"burst";r=0;t=1, "sustained";r=579;t=3` — `r` the requests that may still be sent now (after this one),
 * `t` the seconds until that policy's quota is full again. A client may send the smallest `r` more
 * requests right away; the response that shows `r=0` on some policy was the last one allowed before a 429.
 */
export function rateLimitHeader(decision: RateLimitDecision): string {
  let value = '';
  for (const d of decision.policies) {
    value += `${value ? ', ' : ''}"${d.policy.name}";r=${d.remaining};t=${d.resetSec}`;
  }
  return value;
}

/**
 * Every header a limited response carries for `decision`: both draft fields, plus `Retry-After` (whole
 * seconds, at least 1) when denied. When the store could not be asked only `RateLimit-Policy` is sent: the
 * remaining quota is unknown, and a made-up `RateLimit` would mislead.
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {
    [RATE_LIMIT_POLICY_HEADER]: policyHeaderOf(decision),
  };
  if (!decision.failedOpen && !decision.unavailable) headers[RATE_LIMIT_HEADER] = rateLimitHeader(decision);
  if (!decision.allowed) headers['Retry-After'] = String(Math.max(1, decision.retryAfterSec));
  return headers;
}

function policyHeaderOf(decision: RateLimitDecision): string {
  let value = '';
  for (const { policy: p } of decision.policies)
    value += `${value ? ', ' : ''}"${p.name}";q=${p.limit};w=${p.windowSec}`;
  return value;
}
