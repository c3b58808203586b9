import { parseRateLimitPolicies } from '@concierge/shared/feature-rate-limit';

/**
 * `API_KEY_ATTEMPTS_PER_IP` (`20/60s`, or `20/60s,burst=40`) as the auth library's failed-attempt budget:
 * how many checks of unknown keys one client may have fail at once, and how many come back a minute.
 */
export function keyAttemptBudget(spec: string): { burst: number; perMinute: number } {
  const [policy] = parseRateLimitPolicies(spec);
  return { burst: policy.burst ?? policy.limit, perMinute: (policy.limit * 60) / policy.windowSec };
}
