/**
 * A rate-limit policy: `limit` requests per `windowSec` seconds, emitted smoothly (one every
 * `windowSec / limit` seconds), with up to `burst` of them back to back (by default `limit`).
 */
export interface RateLimitPolicy {
  /** Names the policy in headers and store keys (`default`, `burst`, `sustained`...). */
  readonly name: string;
  readonly limit: number;
  readonly windowSec: number;
  readonly burst: number;
}

/** What one policy says about one request. Seconds are whole, rounded up. */
export interface PolicyDecision {
  readonly policy: RateLimitPolicy;
  readonly allowed: boolean;
  /** Requests that may still be sent right now under this policy (after this one, if it was allowed). */
  readonly remaining: number;
  /** Seconds until this policy's quota is full again (0 when it already is). */
  readonly resetSec: number;
  /** Seconds until a request would be allowed by this policy (0 when allowed). */
  readonly retryAfterSec: number;
}

/** The verdict on one request over every policy of its route: allowed only if all policies allow it. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly policies: readonly PolicyDecision[];
  /** The longest wait any denying policy asks for, at least 1 when denied; 0 when allowed. */
  readonly retryAfterSec: number;
  /** Set when the store could not be asked and the request was let through (`failMode: 'open'`). */
  readonly failedOpen?: boolean;
  /** Set when the store could not be asked and the request is refused (`failMode: 'closed'`): a 503. */
  readonly unavailable?: boolean;
}

/** Time between two requests of a steady stream at the policy's rate, in `unitsPerSec` (ms by default). */
export function emissionInterval(policy: RateLimitPolicy, unitsPerSec = 1000): number {
  return (policy.windowSec * unitsPerSec) / policy.limit;
}

/**
 * The result of evaluating every policy of a route for one key: the decision, and the theoretical arrival
 * times to store — `undefined` when the request is denied, since a denied request consumes nothing.
 */
export interface GcraOutcome {
  readonly decision: RateLimitDecision;
  readonly newTats?: readonly number[];
}

/**
 * GCRA (the generic cell rate algorithm, a smooth token bucket) over several policies at once.
 *
 * `tats[i]` is the theoretical arrival time stored for `policies[i]` (undefined or in the past: the
 * bucket is full), `now` the current time, both of one clock in `unitsPerSec` (milliseconds by default;
 * the Redis store uses microseconds). Pure: the caller reads and writes the state, so the same arithmetic
 * serves the in-process store and, mirrored operation for operation in Lua, Redis.
 *
 * A request costing `cost` moves a policy's TAT to `max(tat, now) + cost * T` (T: emission interval) and
 * is allowed when that lands no further than `burst * T` ahead of now. It is allowed only if every policy
 * allows it; only then are the new TATs returned for committing.
 */
export function gcra(
  policies: readonly RateLimitPolicy[],
  tats: readonly (number | undefined)[],
  now: number,
  cost = 1,
  unitsPerSec = 1000,
): GcraOutcome {
  // One microsecond of slack, so float rounding never turns "exactly at capacity" into a denial.
  const slack = unitsPerSec / 1e6;
  const candidates: number[] = [];
  let allowed = true;
  for (let i = 0; i < policies.length; i++) {
    const interval = emissionInterval(policies[i], unitsPerSec);
    const tat = Math.max(tats[i] ?? now, now);
    const newTat = tat + cost * interval;
    candidates.push(newTat);
    if (newTat - now - policies[i].burst * interval > slack) allowed = false;
  }
  const decisions: PolicyDecision[] = [];
  let retryAfterSec = 0;
  for (let i = 0; i < policies.length; i++) {
    const policy = policies[i];
    const interval = emissionInterval(policy, unitsPerSec);
    const capacity = policy.burst * interval;
    const after = allowed ? candidates[i] : Math.max(tats[i] ?? now, now);
    const excess = candidates[i] - now - capacity;
    const denies = excess > slack;
    const wait = denies ? Math.max(1, Math.ceil(excess / unitsPerSec)) : 0;
    retryAfterSec = Math.max(retryAfterSec, wait);
    decisions.push({
      policy,
      allowed: !denies,
      // The next request (same instant) is allowed exactly when this is at least 1.
      remaining: clamp(Math.floor((capacity + slack - (after - now)) / interval), 0, policy.burst),
      resetSec: Math.max(0, Math.ceil((after - now - slack) / unitsPerSec)),
      retryAfterSec: wait,
    });
  }
  return {
    decision: { allowed, policies: decisions, retryAfterSec: allowed ? 0 : Math.max(1, retryAfterSec) },
    newTats: allowed ? candidates : undefined,
  };
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}
