/** Header values as Node and Fastify give them; names are lower-case. */
export type HeaderMap = Record<string, string | string[] | undefined>;

/** The request as the cache sees it: `url` is the path and query, never scheme and host. */
export interface CacheRequest {
  method: string;
  url: string;
  headers: HeaderMap;
  /**
   * The verified identity headers of the caller, when the caller has them in hand (a declared route);
   * absent, the cache's `principal` option (by default none: only shared entries are served).
   */
  identity?: Record<string, string>;
}

/** A whole response: the cache only ever stores buffered bodies. */
export interface CacheHttpResponse {
  status: number;
  headers: HeaderMap;
  body: Buffer;
}

/** What a route says about caching its responses. */
export interface RouteCacheOptions {
  /**
   * Cache per verified principal (the request context's identity): the one deliberate exception to
   * RFC 9111 §3.5 for authenticated BFF aggregates. Such an entry is evaluated as a private cache would,
   * and is never served to another principal or to an anonymous request.
   */
  perPrincipal?: boolean;
  /** Freshness lifetime (seconds) applied when the response itself gives none (no `max-age`/`s-maxage`/`Expires`). */
  ttlSec?: number;
  /** Metrics label: the route's pattern (e.g. `GET /products/:id`), never the raw URL. */
  route?: string;
}

/**
 * The RFC 9211 `fwd` reason: why the request went upstream. `uri-miss`: nothing stored for the URL;
 * `vary-miss`: stored, but not for this variant; `stale`: stored, needs revalidation; `request`: the
 * request's own `Cache-Control` asked for it; `method`: not a cacheable method; `bypass`: the cache does
 * not handle this request (e.g. a per-principal route without a principal); `miss`: the store could not
 * be asked.
 */
export type CacheForward = 'uri-miss' | 'vary-miss' | 'stale' | 'request' | 'method' | 'bypass' | 'miss';

/** The answer of `ResponseCache.lookup`. */
export interface LookupResult {
  /**
   * `hit`: serve `response` as it is. `stale`: a stored response exists but must be validated first: send
   * the request upstream with `revalidationHeaders` added, then call `revalidated` on a 304 or `store` on
   * anything else. `miss`: go upstream, then `store`. `bypass`: go upstream; the cache takes no part
   * (still call `store`, which only labels the response).
   */
  status: 'hit' | 'stale' | 'miss' | 'bypass';
  /** For a hit: the stored response with `Age` and `Cache-Status` set. */
  response?: CacheHttpResponse;
  /** For `stale`: the conditional headers (`if-none-match`, `if-modified-since`) to add upstream. */
  revalidationHeaders?: Record<string, string>;
  /** Why the request goes upstream (absent on a hit); pass it on to `store`/`revalidated`. */
  forward?: CacheForward;
  /** A short reason kept for `Cache-Status`'s `detail` (e.g. `store-error`, `anonymous`). */
  detail?: string;
}

/** Context for `store`/`revalidated`: the route's options and what `lookup` said. */
export interface StoreContext extends RouteCacheOptions {
  forward?: CacheForward;
  detail?: string;
  /** True when this response was obtained by another, concurrent request (RFC 9211 `collapsed`). */
  collapsed?: boolean;
}
