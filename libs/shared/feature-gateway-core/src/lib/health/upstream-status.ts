/** One upstream as `/health/upstreams` reports it. */
export interface UpstreamStatus {
  name: string;
  baseUrl: string;
  breaker: 'closed' | 'open' | 'half-open';
  [detail: string]: unknown;
}

/** Provided by whatever knows the upstreams (the service-client library); optional for the core. */
export const UPSTREAM_STATUS_SOURCE = Symbol('UPSTREAM_STATUS_SOURCE');

export interface UpstreamStatusSource {
  list(): UpstreamStatus[];
}
