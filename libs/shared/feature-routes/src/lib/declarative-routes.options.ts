import type { IncomingHttpHeaders } from 'node:http';
import type { CacheStatusEntry } from '@concierge/shared/feature-cache';
import type { ProblemDetails } from '@concierge/shared/util-http';
import type { RequestContext } from '@concierge/shared/util-request-context';

/** A caller whose credentials were verified for a route. */
export interface RouteCaller {
  /** Stable id of the principal (`sub`, device id): rate limits and per-principal cache keys use it. */
  subject: string;
}

/**
 * Verifies a request's credentials against a route's requirement and sets the verified identity headers
 * on the request's `context`. Throws an `HttpException` carrying problem+json (401/403/503).
 * Defaults to feature-auth's `Authenticator` when `AuthModule` is imported.
 */
export type RouteAuthenticate = (
  headers: IncomingHttpHeaders,
  requirement: {
    kind: 'user' | 'device';
    scopes: readonly string[];
    /** The kinds of principal served, each with its scopes; absent: `kind` only, with `scopes`. */
    principals?: Partial<Record<'user' | 'client' | 'device', readonly string[]>>;
  },
  context: RequestContext,
) => Promise<RouteCaller>;

/** What a rate limiter says about one request. */
export interface RouteRateVerdict {
  /** Set on the response whatever happens (`RateLimit-Policy`, `RateLimit`, `Retry-After`). */
  headers: Record<string, string>;
  /** Set when the request is refused: the 429 (or 503) problem to send, its headers attached. */
  rejection?: ProblemDetails;
}

/** Whose request it is, for choosing a bucket. */
export interface RateLimitSubject {
  /** The route's id. */
  bucket: string;
  /** The verified identity headers (empty on public routes). */
  identity: Record<string, string>;
  remoteAddress: string | undefined;
  headers: IncomingHttpHeaders;
}

/**
 * Rate limiting for declared routes. `compile` runs at start-up for every route (throw to stop it on a
 * bad policy; return undefined for "not limited"); `check` runs per request. Defaults to an adapter over
 * feature-rate-limit's `RateLimiter` when `RateLimitModule` is imported.
 */
export interface RouteRateLimiter<Compiled = unknown> {
  /** The route's policy (`100/60s`, `off`), or undefined for the gateway's default; the route's id. */
  compile(policy: string | undefined, routeId?: string): Compiled | undefined;
  check(subject: RateLimitSubject, compiled: Compiled): Promise<RouteRateVerdict>;
}

/** A buffered response, as the cache stores it. */
export interface BufferedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request as the cache sees it: `url` is the path and query the client sent. */
export interface RouteCacheRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The verified identity headers (empty on public routes): per-principal entries are keyed by them. */
  identity: Record<string, string>;
}

/**
 * The response cache for routes declaring `cache: { enabled: true }` — feature-cache's `ResponseCache`
 * fits, and is used when `ResponseCacheModule` is imported. `handle` answers from the cache or calls the
 * upstream (coalescing concurrent misses, with revalidation headers when stale) and stores what RFC 9111
 * allows; `invalidateAfter` drops the URL's entries after an unsafe method succeeded (§4.4);
 * `statusOfFailure` and `cacheStatus` give the RFC 9211 `Cache-Status` member of answers the cache did
 * not return itself (an upstream failure `handle` threw on; an unsafe method streamed through).
 */
export interface RouteCache {
  statusOfFailure(error: unknown): string | undefined;
  cacheStatus(entry: CacheStatusEntry): string;
  handle(
    request: RouteCacheRequest,
    upstream: (extraHeaders: Record<string, string>) => Promise<BufferedResponse>,
    route: { perPrincipal?: boolean; route?: string },
  ): Promise<BufferedResponse>;
  invalidateAfter(
    request: RouteCacheRequest,
    response: Pick<BufferedResponse, 'status' | 'headers'>,
  ): Promise<void>;
}

/** `DeclarativeRoutesModule.forRoot(Async)` options. The library reads no environment itself. */
export interface DeclarativeRoutesOptions {
  /** The routes file (`ROUTES_FILE`), JSON or YAML. Either this or `routes`. */
  routesFile?: string;
  /** Routes as a parsed document (`{ routes: [...] }`), validated like a file. */
  routes?: unknown;
  /** Named upstream services and their base URLs (`{ catalog: CATALOG_SERVICE_URL }`). */
  services: Record<string, string>;
  /** Scopes an auth rule may name (e.g. `SCOPES` of util-contracts). */
  knownScopes: readonly string[];
  /** Upstream deadline of routes that declare none (`UPSTREAM_TIMEOUT_MS`). Default 2000. */
  defaultTimeoutMs?: number;
  /** Request body limit of routes that declare none (`BODY_LIMIT_BYTES`). Default 1 MiB. */
  defaultBodyLimitBytes?: number;
  /** Largest upstream response buffered for a JSON transform or the cache. Default 10 MiB. */
  maxBufferedResponseBytes?: number;
  /** Keep-alive connections per upstream origin (`UPSTREAM_CONNECTIONS`). Default 64. */
  connections?: number;
  /** The pseudonym in `Via` (`1.1 concierge`). */
  via?: string;
  /** Reload the routes file when it changes (`ROUTES_WATCH`), debounced by `watchDebounceMs` (250). */
  watch?: boolean;
  watchDebounceMs?: number;
  /** Reload the routes file on SIGHUP. Default true. */
  reloadOnSignal?: boolean;
  /** Overrides the authenticator found in the app (feature-auth's `Authenticator`). */
  authenticate?: RouteAuthenticate;
  /** Overrides the rate limiter found in the app (feature-rate-limit's `RateLimiter`). */
  rateLimiter?: RouteRateLimiter;
  /** Overrides the response cache found in the app (feature-cache's `ResponseCache`). */
  cache?: RouteCache;
}
