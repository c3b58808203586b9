import { Inject, Injectable } from '@nestjs/common';
import { GATEWAY_NAME } from '@concierge/shared/feature-gateway-core';
import { CellCounter, CellHistogram, registered, type CounterCell, type HistogramCell } from './cells';
import { LATENCY_BUCKETS, METRICS } from './metric-names';
import { branch, newMap } from './prom-metrics';

/** The label a request gets when no route matched it: the raw URL would make the series unbounded. */
export const UNMATCHED_ROUTE = 'unmatched';

interface Series {
  requests: CounterCell;
  duration: HistogramCell;
}

/**
 * `http_requests_total{gateway,method,route,status}` and `http_request_duration_seconds{gateway,method,route}`.
 * Each series is looked up once and kept in nested maps (route → method → status), so recording a request
 * allocates nothing once its series exists and costs a few map lookups and additions.
 */
@Injectable()
export class HttpMetrics {
  private readonly requests = registered(
    METRICS.httpRequests,
    () => new CellCounter(METRICS.httpRequests, 'Requests answered, by route template, method and status.'),
  );
  private readonly duration = registered(
    METRICS.httpDuration,
    () =>
      new CellHistogram(
        METRICS.httpDuration,
        'Time from the request arriving to its response being sent, by route template and method (seconds).',
        LATENCY_BUCKETS,
      ),
  );
  private readonly series = new Map<string, Map<string, Map<number, Series>>>();

  constructor(@Inject(GATEWAY_NAME) private readonly gateway: string) {}

  /** One answered request; `route` is the route template (or {@link UNMATCHED_ROUTE}), never the raw URL. */
  record(method: string, route: string, status: number, seconds: number): void {
    const byStatus = branch(
      branch(this.series, route, newMap<string, Map<number, Series>>),
      method,
      newMap<number, Series>,
    );
    let series = byStatus.get(status);
    if (series === undefined) {
      const { gateway } = this;
      series = {
        requests: this.requests.series({ gateway, method, route, status: String(status) }),
        duration: this.duration.series({ gateway, method, route }),
      };
      byStatus.set(status, series);
    }
    series.requests.value++;
    series.duration.observe(seconds);
  }
}
