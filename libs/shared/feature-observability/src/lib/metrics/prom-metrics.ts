import { Counter, Gauge, collectDefaultMetrics, register } from 'prom-client';

/*
 * Metrics live on prom-client's default registry, where the rate-limit and cache libraries put theirs, so
 * one scrape shows everything. Several gateways (or test apps) in one process share each metric: the
 * first registers it, the others reuse it.
 */

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
  return (
    (register.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames })
  );
}

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
  return (register.getSingleMetric(name) as Gauge<L> | undefined) ?? new Gauge({ name, help, labelNames });
}

/** Node's own metrics (event-loop lag, heap, RSS, GC), once per process, labelled with the gateway. */
export function collectProcessMetrics(gateway: string): void {
  if (register.getSingleMetric('process_cpu_user_seconds_total')) return;
  collectDefaultMetrics({ labels: { gateway } });
}

/**
 * The value of `map` at `key`, made by `create` on first use. With a module-level `create` (no closure),
 * a lookup of series that already exist allocates nothing.
 */
export function branch<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** A `create` for {@link branch}: an empty map. */
export const newMap = <K, V>(): Map<K, V> => new Map<K, V>();
