import { SetMetadata, UseInterceptors, applyDecorators } from '@nestjs/common';
import { CACHE_RESPONSE_METADATA, type CacheResponseOptions } from './cache-response.metadata';
import { ResponseCacheInterceptor } from './response-cache.interceptor';

export type { CacheResponseOptions } from './cache-response.metadata';

/**
 * Caches a GET handler's JSON result in the gateway's response cache: hits are served before the handler
 * runs, concurrent misses run it once. The result is sent with `Cache-Control: public, max-age=N` (or
 * `private, max-age=N` per principal) unless the handler set its own `Cache-Control`.
 */
export const CacheResponse = (options: CacheResponseOptions = {}) =>
  // Bound here rather than globally: every interceptor costs every route it wraps (Nest binds an async
  // resource per interceptor per request), and only decorated routes have anything to cache.
  applyDecorators(SetMetadata(CACHE_RESPONSE_METADATA, options), UseInterceptors(ResponseCacheInterceptor));
