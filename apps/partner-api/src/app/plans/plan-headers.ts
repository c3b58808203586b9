import {
  RATE_LIMIT_HEADER,
  RATE_LIMIT_POLICY_HEADER,
  rateLimitHeader,
  rateLimitPolicyHeader,
  type PolicyDecision,
  type RateLimitPolicy,
} from '@concierge/shared/feature-rate-limit';

/**
 * The draft's fields for a plan: `RateLimit-Policy` names both policies (`"burst";q=5;w=1,
 * "daily";q=1000;w=86400`), `RateLimit` the one nearest exhaustion — the one refusing, else the one with
 * the fewest requests left — and `Retry-After` when refused. Written by the rate-limit library's own
 * functions, so partners read the same syntax as every other route.
 */
export function planHeaders(
  policies: readonly RateLimitPolicy[],
  known: readonly PolicyDecision[],
): Record<string, string> {
  const headers: Record<string, string> = { [RATE_LIMIT_POLICY_HEADER]: rateLimitPolicyHeader(policies) };
  const nearest = nearestExhaustion(known);
  if (!nearest) return headers;
  headers[RATE_LIMIT_HEADER] = rateLimitHeader({
    allowed: nearest.allowed,
    policies: [nearest],
    retryAfterSec: nearest.retryAfterSec,
  });
  if (!nearest.allowed) headers['Retry-After'] = String(Math.max(1, nearest.retryAfterSec));
  return headers;
}

/** The refusing decision with the longest wait, else the decision with the fewest requests left. */
export function nearestExhaustion(decisions: readonly PolicyDecision[]): PolicyDecision | undefined {
  let nearest: PolicyDecision | undefined;
  for (const d of decisions) {
    if (!nearest) nearest = d;
    else if (!d.allowed && (nearest.allowed || d.retryAfterSec > nearest.retryAfterSec)) nearest = d;
    else if (d.allowed && nearest.allowed && d.remaining < nearest.remaining) nearest = d;
  }
  return nearest;
}
