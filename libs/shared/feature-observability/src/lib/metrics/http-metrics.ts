import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_NAME } from '@concierge/shared/feature-gateway-core';
import type { Counter, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, METRICS } from './metric-names';
import { branch, counter, histogram, newMap } from './prom-metrics';

/** The label a request gets when no route matched it: the raw URL would make the series unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

interface Series {
  requests: { inc(): void };
  duration: { observe(seconds: number): void };
}

/**
 * `http_requests_total{gateway,method,route,status}` and `http_request_duration_seconds{gateway,method,route}`.
 * Each series' prom-client children are bound once and kept in nested maps (route → method → status), so
 * recording a request allocates nothing once its series exists.
 */
@Injectable()
export class HttpMetrics {
  private readonly requests: Counter<'gateway' | 'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'gateway' | 'method' | 'route'>;
  private readonly series = new Map<string, Map<string, Map<number, Series>>>();

  constructor(@Inject(GATEWAY_NAME) private readonly gateway: string) {
    this.requests = counter(
      METRICS.httpRequests,
      'Requests answered, by route template, method and status.',
      ['gateway', 'method', 'route', 'status'],
    );
    this.duration = histogram(
      METRICS.httpDuration,
      'Time from the request arriving to its response being sent, by route template and method (seconds).',
      ['gateway', 'method', 'route'],
      LATENCY_BUCKETS,
    );
  }

  /** One answered request; `route` is the route template (or {@link UNMATCHED_ROUTE}), never the raw URL. */
  record(method: string, route: string, status: number, seconds: number): void {
    const byStatus = branch(
      branch(this.series, route, newMap<string, Map<number, Series>>),
      method,
      newMap<number, Series>,
    );
    let series = byStatus.get(status);
    if (series === undefined) {
      series = {
        requests: this.requests.labels(this.gateway, method, route, String(status)),
        duration: this.duration.labels(this.gateway, method, route),
      };
      byStatus.set(status, series);
    }
    series.requests.inc();
    series.duration.observe(seconds);
  }
}
