import type { RateLimitDecision, RateLimitPolicy } from './gcra';

/**
 * Where the buckets live. `consume` decides one request for `key` over all `policies` at once and
 * commits it only when every policy allows it; it rejects (with `RateLimitStoreUnavailableError`) only
 * when the store cannot be asked, and the `RateLimiter` then applies the configured fail mode.
 */
export interface RateLimitStore {
  /** `memory` or `redis`, as metrics label it. */
  readonly kind: string;
  consume(key: string, policies: readonly RateLimitPolicy[], cost?: number): Promise<RateLimitDecision>;
  /** Whether the store can answer now (readiness). */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}

/** The store could not be asked (Redis down, timed out...); the cause is kept for logs. */
export class RateLimitStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = RateLimitStoreUnavailableError.name;
  }
}
