export { ResponseCache } from './lib/response-cache';
export type { CacheHttpResponse } from './lib/cache.types';
export type { CacheStatusEntry } from './lib/cache-status';
export { promCacheMetrics } from './lib/cache-metrics';
export { RedisStore } from './lib/stores/redis.store';
export { ResponseCacheModule } from './lib/response-cache.module';
export type { ResponseCacheModuleOptions } from './lib/response-cache.options';
