export { ResponseCache, type ResponseCacheOptions, type UpstreamCall } from './lib/response-cache';
export type {
  CacheForward,
  CacheHttpResponse,
  CacheRequest,
  HeaderMap,
  LookupResult,
  RouteCacheOptions,
  StoreContext,
} from './lib/cache.types';
export { formatCacheStatus, type CacheStatusEntry } from './lib/cache-status';
export type { Coalesced } from './lib/coalescer';
export { promCacheMetrics, noCacheMetrics, type CacheMetrics } from './lib/cache-metrics';
export type { WarnLogger } from './lib/rate-limited-warn';
export type { CacheStore, CacheRecord, StoredResponse, VaryIndex } from './lib/stores/cache-store';
export { MemoryStore, type MemoryStoreOptions } from './lib/stores/memory.store';
export { RedisStore, type RedisStoreOptions } from './lib/stores/redis.store';
export { ResponseCacheModule } from './lib/response-cache.module';
export { RESPONSE_CACHE_OPTIONS } from './lib/response-cache.module-definition';
export type { ResponseCacheModuleOptions } from './lib/response-cache.options';
export { CacheResponse, type CacheResponseOptions } from './lib/cache-response.decorator';
export { ResponseCacheInterceptor } from './lib/response-cache.interceptor';
