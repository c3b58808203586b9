import type { PolicyDecision, RateLimitPolicy } from './gcra';

/** The calendar period a quota counts over, aligned to UTC: a day from midnight, or a month from the 1st. */
export type QuotaPeriod = 'day' | 'month';

/** `limit` requests per calendar `period` (UTC); the count starts again at the period's start. */
export interface QuotaPolicy {
  /** Names the policy in headers and store keys (`daily`, `monthly`). */
  readonly name: string;
  readonly limit: number;
  readonly period: QuotaPeriod;
}

/** One calendar window of a quota: its id (`2026-12-01`, `2026-12`) and where it ends. */
export interface QuotaWindow {
  readonly id: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** What a quota says about one request. */
export interface QuotaDecision {
  readonly policy: QuotaPolicy;
  readonly allowed: boolean;
  /** Requests counted in this window, this one included when allowed. */
  readonly used: number;
  readonly remaining: number;
  /** Whole seconds until the window ends (at least 1): the `Retry-After` of an exhausted quota. */
  readonly resetSec: number;
}

/** The UTC calendar window of `period` that holds `nowMs`. */
export function quotaWindow(period: QuotaPeriod, nowMs: number): QuotaWindow {
  const now = new Date(nowMs);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  if (period === 'month') {
    return { id: `${y}-${pad(m + 1)}`, startMs: Date.UTC(y, m, 1), endMs: Date.UTC(y, m + 1, 1) };
  }
  const d = now.getUTCDate();
  return { id: `${y}-${pad(m + 1)}-${pad(d)}`, startMs: Date.UTC(y, m, d), endMs: Date.UTC(y, m, d + 1) };
}

/** The decision on a window with `used` requests counted (after this one when `allowed`). */
export function quotaDecision(
  policy: QuotaPolicy,
  window: QuotaWindow,
  nowMs: number,
  used: number,
  allowed: boolean,
): QuotaDecision {
  return {
    policy,
    allowed,
    used,
    remaining: Math.max(0, policy.limit - used),
    resetSec: Math.max(1, Math.ceil((window.endMs - nowMs) / 1000)),
  };
}

/** Nominal window length in seconds, as `RateLimit-Policy` carries it (`w=86400` for a day, 30 days for a month). */
export function quotaWindowSecOf(period: QuotaPeriod): number {
  return period === 'day' ? 86_400 : 30 * 86_400;
}

/**
 * The quota's decision in the shape of a rate-limit policy's, so the draft's headers (`RateLimit-Policy`,
 * `RateLimit`, `Retry-After`) are written by the same code for both: `"daily";q=1000;w=86400`.
 */
export function asPolicyDecision(decision: QuotaDecision): PolicyDecision {
  const policy: RateLimitPolicy = {
    name: decision.policy.name,
    limit: decision.policy.limit,
    windowSec: quotaWindowSecOf(decision.policy.period),
    burst: decision.policy.limit,
  };
  return {
    policy,
    allowed: decision.allowed,
    remaining: decision.remaining,
    resetSec: decision.resetSec,
    retryAfterSec: decision.allowed ? 0 : decision.resetSec,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
