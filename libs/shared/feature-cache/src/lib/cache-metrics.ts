import { Counter, register as defaultRegistry, type Registry } from 'prom-client';

/** The metrics seam of the cache; `promCacheMetrics` is the Prometheus one. */
export interface CacheMetrics {
  /** One lookup: `hit`, `miss`, `stale` (revalidated upstream) or `bypass`. */
  lookup(route: string, outcome: 'hit' | 'miss' | 'stale' | 'bypass'): void;
  /** One response offered to the cache: `stored`, `collapsed`, or the reason it was not stored. */
  store(route: string, outcome: string): void;
}

function counter(registry: Registry, name: string, help: string): Counter<'route' | 'outcome'> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<'route' | 'outcome'>;
  return new Counter({ name, help, labelNames: ['route', 'outcome'], registers: [registry] });
}

/**
 * Counters `concierge_cache_lookups_total{route,outcome}` and `concierge_cache_stores_total{route,outcome}`
 * on `registry` (prom-client's default one unless given). Registering twice on one registry reuses them.
 */
export function promCacheMetrics(registry: Registry = defaultRegistry): CacheMetrics {
  const lookups = counter(registry, 'concierge_cache_lookups_total', 'Response cache lookups by outcome');
  const stores = counter(
    registry,
    'concierge_cache_stores_total',
    'Responses offered to the response cache by outcome',
  );
  return {
    lookup: (route, outcome) => lookups.inc({ route, outcome }),
    store: (route, outcome) => stores.inc({ route, outcome }),
  };
}

/** Metrics that go nowhere. */
export const noCacheMetrics: CacheMetrics = { lookup: () => undefined, store: () => undefined };
