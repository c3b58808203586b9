import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Registry } from 'prom-client';
import type { RateLimitDecision, RateLimitPolicy } from './gcra';
import { RateLimitMetrics } from './rate-limit.metrics';
import type { RateLimitStore } from './rate-limit.store';

/** What to do when the store cannot be asked: let requests through (`open`) or refuse them with 503. */
export type RateLimitFailMode = 'open' | 'closed';

export interface RateLimiterOptions {
  /** Default `open`. */
  failMode?: RateLimitFailMode;
  /** Where the decision counter is registered; prom-client's default registry otherwise. */
  registry?: Registry;
  /** At most one warning per this many ms while the store is unreachable. Default 10 000. */
  warnEveryMs?: number;
}

/**
 * Decides requests against a store, applying the fail mode and counting every outcome. It never throws:
 * a refusal is a decision (`allowed: false`, and `unavailable: true` when the store is away in closed
 * mode), which `rateLimitHeaders` and `rateLimitRejection` turn into a response — so routes registered
 * straight on Fastify can use it as well as the Nest guard.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly metrics: RateLimitMetrics;
  private readonly failMode: RateLimitFailMode;
  private readonly warnEveryMs: number;
  private lastWarning = -Infinity;
  private suppressed = 0;

  constructor(
    readonly store: RateLimitStore,
    { failMode = 'open', registry, warnEveryMs = 10_000 }: RateLimiterOptions = {},
  ) {
    this.failMode = failMode;
    this.warnEveryMs = warnEveryMs;
    this.metrics = new RateLimitMetrics(store.kind, registry);
  }

  /** One request by `key` under every one of `policies` (an empty list allows without asking the store). */
  async check(key: string, policies: readonly RateLimitPolicy[], cost = 1): Promise<RateLimitDecision> {
    if (policies.length === 0) return { allowed: true, policies: [], retryAfterSec: 0 };
    try {
      const decision = await this.store.consume(key, policies, cost);
      this.metrics.count(decision.allowed ? 'allowed' : 'limited');
      return decision;
    } catch (error) {
      return this.failed(policies, error);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }

  private failed(policies: readonly RateLimitPolicy[], error: unknown): RateLimitDecision {
    const open = this.failMode === 'open';
    this.metrics.count(open ? 'failed_open' : 'failed_closed');
    this.warn(error, open);
    const unknown = policies.map((policy) => ({
      policy,
      allowed: open,
      remaining: 0,
      resetSec: 0,
      retryAfterSec: 0,
    }));
    return open
      ? { allowed: true, failedOpen: true, policies: unknown, retryAfterSec: 0 }
      : { allowed: false, unavailable: true, policies: unknown, retryAfterSec: 1 };
  }

  private warn(error: unknown, open: boolean): void {
    const now = performance.now();
    if (now - this.lastWarning < this.warnEveryMs) {
      this.suppressed++;
      return;
    }
    const more = this.suppressed ? ` (${this.suppressed} more since the last warning)` : '';
    this.logger.warn(
      `Rate-limit store unavailable, ${open ? 'letting requests through' : 'refusing requests'}${more}: ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
    this.lastWarning = now;
    this.suppressed = 0;
  }
}
