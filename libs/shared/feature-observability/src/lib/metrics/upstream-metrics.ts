import { Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import {
  UpstreamEvents,
  UpstreamRegistry,
  type BreakerState,
  type CallFinishedEvent,
  type UpstreamEvent,
} from '@concierge/shared/data-access-service-clients';
import type { Counter, Gauge } from 'prom-client';
import type { Subscription } from 'rxjs';
import { CellCounter, CellHistogram, registered, type CounterCell, type HistogramCell } from './cells';
import { LATENCY_BUCKETS, METRICS } from './metric-names';
import { branch, counter, gauge, newMap } from './prom-metrics';

/** `circuit_breaker_state` values: what an operator's alert compares against. */
const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

interface Series {
  calls: CounterCell;
  duration: HistogramCell;
}

/**
 * Upstream calls as the service clients report them (`UpstreamEvents`): `upstream_requests_total
 * {service,method,route,outcome}`, `upstream_request_duration_seconds{service,method,route}`,
 * `upstream_retries_total{service}` and `circuit_breaker_state{service}` (0 closed, 1 half-open, 2 open).
 * A gateway without service clients simply has none of these series.
 */
@Injectable()
export class UpstreamMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly calls = registered(
    METRICS.upstreamRequests,
    () => new CellCounter(METRICS.upstreamRequests, 'Upstream calls by service, route template and outcome.'),
  );
  private readonly duration = registered(
    METRICS.upstreamDuration,
    () =>
      new CellHistogram(
        METRICS.upstreamDuration,
        'Duration of upstream calls, retries and backoff included (seconds).',
        LATENCY_BUCKETS,
      ),
  );
  private readonly retries: Counter<'service'>;
  private readonly breaker: Gauge<'service'>;
  /** service → method → route → outcome → its series. */
  private readonly series = new Map<string, Map<string, Map<string, Map<string, Series>>>>();
  private subscription?: Subscription;

  constructor(
    @Optional() private readonly events?: UpstreamEvents,
    @Optional() private readonly registry?: UpstreamRegistry,
  ) {
    this.retries = counter(METRICS.upstreamRetries, 'Upstream attempts sent again after a failure.', [
      'service',
    ]);
    this.breaker = gauge(
      METRICS.breakerState,
      'Circuit breaker state per upstream: 0 closed, 1 half-open, 2 open.',
      ['service'],
    );
  }

  onModuleInit(): void {
    for (const upstream of this.registry?.list() ?? []) {
      this.breaker.set({ service: upstream.name }, BREAKER_STATE_VALUE[upstream.breaker]);
    }
    this.subscription = this.events?.events$.subscribe((event) => this.record(event));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private record(event: UpstreamEvent): void {
    switch (event.type) {
      case 'call-finished':
        return this.finished(event);
      case 'retry':
        return this.retries.inc({ service: event.service });
      case 'breaker-state':
        return this.breaker.set({ service: event.service }, BREAKER_STATE_VALUE[event.to]);
    }
  }

  private finished({ service, method, route, outcome, durationMs }: CallFinishedEvent): void {
    const byOutcome = branch(
      branch(
        branch(this.series, service, newMap<string, Map<string, Map<string, Series>>>),
        method,
        newMap<string, Map<string, Series>>,
      ),
      route,
      newMap<string, Series>,
    );
    let series = byOutcome.get(outcome);
    if (series === undefined) {
      series = {
        calls: this.calls.series({ service, method, route, outcome }),
        duration: this.duration.series({ service, method, route }),
      };
      byOutcome.set(outcome, series);
    }
    series.calls.value++;
    series.duration.observe(durationMs / 1000);
  }
}
