/** The metrics this library registers (the rate-limit and cache libraries add their own). */
export const METRICS = {
  httpRequests: 'http_requests_total',
  httpDuration: 'http_request_duration_seconds',
  upstreamRequests: 'upstream_requests_total',
  upstreamDuration: 'upstream_request_duration_seconds',
  upstreamRetries: 'upstream_retries_total',
  breakerState: 'circuit_breaker_state',
} as const;

/** Where Prometheus scrapes (on the admin listener, so never counted in the client port's request metrics). */
export const METRICS_PATH = '/metrics';

/** Seconds; from a cache hit (sub-millisecond) to a slow aggregate. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
