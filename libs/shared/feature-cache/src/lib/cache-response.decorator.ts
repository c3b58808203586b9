import { SetMetadata } from '@nestjs/common';

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

/**
 * Caches a GET handler's JSON result in the gateway's response cache: hits are served before the handler
 * runs, concurrent misses run it once. The result is sent with `Cache-Control: public, max-age=N` (or
 * `private, max-age=N` per principal) unless the handler set its own `Cache-Control`.
 */
export const CacheResponse = (options: CacheResponseOptions = {}) => SetMetadata(CACHE_RESPONSE_METADATA, options);
