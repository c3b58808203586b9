import { Counter, register, type Registry } from 'prom-client';

/** `concierge_routes_reload_total{result="success"|"error"}`, on the gateway's `/metrics`. */
const ROUTES_RELOAD_METRIC = 'concierge_routes_reload_total';

/** Counts reloads of the routes file by result, on prom-client's default registry (where `/metrics` reads). */
export class RoutesReloadMetrics {
  private readonly reloads: Counter<'result'>;

  constructor(registry: Registry = register) {
    this.reloads =
      (registry.getSingleMetric(ROUTES_RELOAD_METRIC) as Counter<'result'> | undefined) ??
      new Counter({
        name: ROUTES_RELOAD_METRIC,
        help: 'Reloads of the declared routes file, by result (success: the new table serves; error: the old one kept).',
        labelNames: ['result'],
        registers: [registry],
      });
    // Both series exist from the start, so an alert on errors sees 0 before the first one.
    this.reloads.labels('success').inc(0);
    this.reloads.labels('error').inc(0);
  }

  count(result: 'success' | 'error'): void {
    this.reloads.labels(result).inc();
  }
}
