import { Counter, register as defaultRegistry, type Registry } from 'prom-client';

/** What became of a request at the limiter, as the `outcome` label says. */
export type RateLimitOutcome = 'allowed' | 'limited' | 'failed_open' | 'failed_closed';

export const RATE_LIMIT_DECISIONS_METRIC = 'concierge_rate_limit_decisions_total';

/** Counts decisions by store and outcome on `registry` (the default registry unless the app passes one). */
export class RateLimitMetrics {
  private readonly counters: Record<RateLimitOutcome, { inc(): void }>;

  constructor(store: string, registry: Registry = defaultRegistry) {
    const counter =
      (registry.getSingleMetric(RATE_LIMIT_DECISIONS_METRIC) as Counter<'store' | 'outcome'> | undefined) ??
      new Counter({
        name: RATE_LIMIT_DECISIONS_METRIC,
        help: 'Rate-limit decisions by store and outcome (allowed, limited, failed_open, failed_closed).',
        labelNames: ['store', 'outcome'],
        registers: [registry],
      });
    // Bound once: a labelled inc() on every request would hash the labels every time.
    this.counters = {
      allowed: counter.labels(store, 'allowed'),
      limited: counter.labels(store, 'limited'),
      failed_open: counter.labels(store, 'failed_open'),
      failed_closed: counter.labels(store, 'failed_closed'),
    };
  }

  count(outcome: RateLimitOutcome): void {
    this.counters[outcome].inc();
  }
}
