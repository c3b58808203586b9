/** What `@CacheResponse` says about a GET handler. */
export interface CacheResponseOptions {
  /** Freshness lifetime of the cached result, seconds (default 60). */
  ttlSec?: number;
  /**
   * Cache per verified principal (for authenticated BFF aggregates): the entry is keyed by the request
   * context's identity and never served to anyone else; clients are told `private`.
   */
  perPrincipal?: boolean;
}

export const CACHE_RESPONSE_METADATA = 'concierge:cache-response';
