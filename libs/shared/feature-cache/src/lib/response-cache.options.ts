import type { Registry } from 'prom-client';

/** Options of `ResponseCacheModule.forRoot`/`forRootAsync` (the app reads them from its configuration). */
export interface ResponseCacheModuleOptions {
  /** `memory` (default): an in-process LRU per replica; `redis`: entries shared by every replica. */
  store?: 'memory' | 'redis';
  /** Required with `store: 'redis'` (the app's `REDIS_URL`). */
  redisUrl?: string;
  /** Instead of `redisUrl`: the seed nodes (`host:port`) of a Redis Cluster. */
  redisClusterNodes?: readonly string[];
  /** Bound of the in-process store, bytes (default 64 MiB). */
  maxBytes?: number;
  /** Prefix of every Redis key (default `concierge:cache:`). */
  keyPrefix?: string;
  /** Larger bodies are not stored (default 1 MiB). */
  maxEntryBytes?: number;
  /** The name in `Cache-Status` (default `concierge`). */
  name?: string;
  /** Cap on heuristic freshness, seconds (default 3600). */
  heuristicMaxSec?: number;
  /** How long a stale entry with validators is kept for revalidation, seconds (default 300). */
  revalidationGraceSec?: number;
  /** Longest wait for one Redis command before it counts as a miss, ms (default 250; a breaker stops waiting after 3 in a row). */
  redisCommandTimeoutMs?: number;
  /** Where the cache counters are registered (default: prom-client's default registry). */
  registry?: Registry;
}
