/** Where one upstream lives and, optionally, its own settings. */
export interface UpstreamServiceOptions {
  /** Origin (and optional path prefix) of the service, e.g. `http://127.0.0.1:4002`. */
  baseUrl: string;
  /** Default deadline of a call to this service (ms); overrides `defaults.timeoutMs`. */
  timeoutMs?: number;
  /** Overrides of the default resilience settings for this service. */
  retry?: Partial<RetryOptions>;
  breaker?: Partial<BreakerOptions>;
  bulkhead?: Partial<BulkheadOptions>;
}

export interface RetryOptions {
  /** Attempts in all, the first included (1 = never retry). */
  maxAttempts: number;
  /** First backoff (ms); doubles per retry, with full jitter, capped by `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retries may be at most this share of the calls over the last 10 s (plus `minRetriesPerSec`). */
  budgetRatio: number;
  /** Retries always allowed per second of the window, so a quiet service can still retry. */
  minRetriesPerSec: number;
}

export interface BreakerOptions {
  /** Consecutive failures (5xx, timeouts, connection errors) that open the breaker. */
  consecutiveFailures: number;
  /** How long an open breaker fails fast before letting one probe through (ms). */
  halfOpenAfterMs: number;
}

export interface BulkheadOptions {
  /** Calls in flight to the service at once. */
  maxConcurrent: number;
  /** Calls waiting for a slot; beyond that a call fails at once with 503. */
  maxQueue: number;
}

export interface ServiceClientDefaults {
  timeoutMs: number;
  /** Keep-alive sockets per upstream origin. */
  connections: number;
  retry: RetryOptions;
  breaker: BreakerOptions;
  bulkhead: BulkheadOptions;
}

/** Options of `ServiceClientsModule.forRoot(Async)`: the upstreams by name (a gateway's declared services). */
export interface ServiceClientsModuleOptions {
  services: Readonly<Record<string, UpstreamServiceOptions | undefined>>;
  /**
   * How the typed clients send: `undici` (default) straight to the keep-alive pools; `axios` through the
   * provided `HttpService`'s axios instance (same pools, undici adapter) — about half the throughput,
   * for apps that need axios interceptors on upstream calls; `stock-axios` is `@nestjs/axios` as it comes
   * (axios' own http adapter with a keep-alive agent), kept only so the benchmark can show the difference.
   */
  transport?: 'undici' | 'axios' | 'stock-axios';
  defaults?: Partial<Omit<ServiceClientDefaults, 'retry' | 'breaker' | 'bulkhead'>> & {
    retry?: Partial<RetryOptions>;
    breaker?: Partial<BreakerOptions>;
    bulkhead?: Partial<BulkheadOptions>;
  };
}

/** Settings used when the app gives none. */
const DEFAULT_SERVICE_CLIENT_SETTINGS: ServiceClientDefaults = {
  timeoutMs: 2_000,
  connections: 64,
  retry: { maxAttempts: 3, baseDelayMs: 25, maxDelayMs: 500, budgetRatio: 0.2, minRetriesPerSec: 1 },
  breaker: { consecutiveFailures: 5, halfOpenAfterMs: 5_000 },
  bulkhead: { maxConcurrent: 256, maxQueue: 512 },
};

/** The settings one upstream runs with, every default filled in. */
export interface ResolvedUpstreamSettings {
  name: string;
  baseUrl: string;
  timeoutMs: number;
  retry: RetryOptions;
  breaker: BreakerOptions;
  bulkhead: BulkheadOptions;
}

/** Merges service settings over the app's defaults over the built-in ones. */
export function resolveUpstreamSettings(options: ServiceClientsModuleOptions): ResolvedUpstreamSettings[] {
  const d = options.defaults ?? {};
  const base = DEFAULT_SERVICE_CLIENT_SETTINGS;
  return Object.entries(options.services)
    .filter((entry): entry is [string, UpstreamServiceOptions] => !!entry[1]?.baseUrl)
    .map(([name, service]) => ({
      name,
      baseUrl: service.baseUrl.replace(/\/+$/, ''),
      timeoutMs: service.timeoutMs ?? d.timeoutMs ?? base.timeoutMs,
      retry: { ...base.retry, ...d.retry, ...service.retry },
      breaker: { ...base.breaker, ...d.breaker, ...service.breaker },
      bulkhead: { ...base.bulkhead, ...d.bulkhead, ...service.bulkhead },
    }));
}

/** Sockets per origin, from the options or the built-in default. */
export function connectionsOf(options: ServiceClientsModuleOptions): number {
  return options.defaults?.connections ?? DEFAULT_SERVICE_CLIENT_SETTINGS.connections;
}
