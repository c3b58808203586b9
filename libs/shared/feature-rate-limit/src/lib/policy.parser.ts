import type { RateLimitPolicy } from './gcra';

/** A policy string or list that cannot be used; the message names the input and what is wrong. */
export class InvalidRateLimitPolicyError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`Invalid rate-limit policy "${input}": ${reason}`);
    this.name = InvalidRateLimitPolicyError.name;
  }
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const ONE = /^(?:([^:]+):)?\s*(\d+)\s*\/\s*(\d+)\s*([smhd])\s*(?:,\s*burst\s*=\s*(\d+)\s*)?$/;
const MAX_WINDOW_SEC = 366 * 86400;

/**
 * Parses what operators write (`RATE_LIMIT_DEFAULT`, app config, `@RateLimit(...)`):
 * - `600/60s` — 600 requests per 60 s, named `default`; units `s`, `m`, `h`, `d` (`5000/1h`);
 * - `600/60s,burst=50` — the same rate, at most 50 back to back (the burst defaults to the limit);
 * - `burst:20/1s;sustained:600/60s` — several policies, each named, all of which must allow a request;
 * - `off` — no limit (an empty list).
 * Throws `InvalidRateLimitPolicyError` naming the input on anything else, so a typo stops start-up.
 */
export function parseRateLimitPolicies(input: string): RateLimitPolicy[] {
  const text = input.trim();
  if (text.toLowerCase() === 'off') return [];
  if (text === '') throw new InvalidRateLimitPolicyError(input, 'empty (write "off" to disable limiting)');
  const parts = text.split(';').map((part) => part.trim());
  if (parts.some((part) => part === ''))
    throw new InvalidRateLimitPolicyError(input, 'empty policy between ";"');
  const policies = parts.map((part) => parseOne(input, part, parts.length > 1));
  return validateRateLimitPolicies(policies, input);
}

/**
 * Checks policies given as objects (or just parsed): positive whole limits and bursts, a window of whole
 * seconds up to a year (the headers carry it as an integer), unique names usable in headers and store keys. Fills in `burst` (the limit) when missing.
 */
export function validateRateLimitPolicies(
  policies: readonly (Omit<RateLimitPolicy, 'burst'> & { burst?: number })[],
  input: string = JSON.stringify(policies),
): RateLimitPolicy[] {
  const seen = new Set<string>();
  return policies.map(({ name, limit, windowSec, burst = limit }) => {
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new InvalidRateLimitPolicyError(input, `policy name "${name}" must be 1-64 of [A-Za-z0-9_.-]`);
    }
    if (seen.has(name)) throw new InvalidRateLimitPolicyError(input, `policy name "${name}" is used twice`);
    seen.add(name);
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new InvalidRateLimitPolicyError(input, `limit of "${name}" must be a whole number ≥ 1`);
    }
    if (!Number.isSafeInteger(windowSec) || windowSec < 1 || windowSec > MAX_WINDOW_SEC) {
      throw new InvalidRateLimitPolicyError(
        input,
        `window of "${name}" must be whole seconds, 1 s to 366 days`,
      );
    }
    if (!Number.isSafeInteger(burst) || burst < 1) {
      throw new InvalidRateLimitPolicyError(input, `burst of "${name}" must be a whole number ≥ 1`);
    }
    return Object.freeze({ name, limit, windowSec, burst });
  });
}

function parseOne(input: string, part: string, several: boolean): RateLimitPolicy {
  const match = ONE.exec(part);
  if (!match) {
    throw new InvalidRateLimitPolicyError(
      input,
      `"${part}" is not of the form [name:]<limit>/<window><s|m|h|d>[,burst=<n>], e.g. 600/60s`,
    );
  }
  const [, rawName, limit, window, unit, burst] = match;
  const name = rawName?.trim();
  if (several && !name) {
    throw new InvalidRateLimitPolicyError(
      input,
      `name each of several policies, e.g. burst:20/1s;sustained:600/60s`,
    );
  }
  return {
    name: name ?? 'default',
    limit: Number(limit),
    windowSec: Number(window) * UNIT_SECONDS[unit],
    burst: burst === undefined ? Number(limit) : Number(burst),
  };
}
