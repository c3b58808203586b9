import { LRUCache } from 'lru-cache';

/** How many unknown-credential checks one client may cause. */
export interface FailedAttemptPolicy {
  /** Attempts a client may use up at once. */
  burst: number;
  /** Attempts given back per minute. */
  perMinute: number;
  /** Clients remembered (least recently seen forgotten first). */
  maxClients: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per client for checks of credentials nobody has seen succeed. A token is taken before the
 * check (so 150 concurrent guesses cost `burst` upstream calls, not 150) and given back when the
 * credential turns out valid, so only failed attempts count.
 */
export class FailedAttemptLimiter {
  private readonly buckets: LRUCache<string, Bucket>;
  private readonly refillPerMs: number;

  constructor(
    private readonly policy: FailedAttemptPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = new LRUCache({ max: policy.maxClients });
    this.refillPerMs = policy.perMinute / 60_000;
  }

  /** Takes one attempt for `client`; false (and the seconds until one is back) when none is left. */
  take(client: string): { allowed: true } | { allowed: false; retryAfterSec: number } {
    const bucket = this.refilled(client);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterSec: Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000)),
    };
  }

  /** Gives back the attempt of a check that succeeded. */
  giveBack(client: string): void {
    const bucket = this.refilled(client);
    bucket.tokens = Math.min(this.policy.burst, bucket.tokens + 1);
  }

  private refilled(client: string): Bucket {
    const now = this.now();
    let bucket = this.buckets.get(client);
    if (!bucket) {
      bucket = { tokens: this.policy.burst, updatedAt: now };
      this.buckets.set(client, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(this.policy.burst, bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs);
    bucket.updatedAt = now;
    return bucket;
  }
}
