import { Gauge, register } from 'prom-client';

const REDIS_UP_METRIC = 'concierge_redis_up';

/**
 * 1 while a connection can be used (connected, breaker closed), 0 while its store is degraded: the
 * metric an alert watches when a fail-open store keeps the gateway ready through a Redis outage.
 */
export function redisUpGauge(): Gauge<'connection'> {
  return (
    (register.getSingleMetric(REDIS_UP_METRIC) as Gauge<'connection'> | undefined) ??
    new Gauge({
      name: REDIS_UP_METRIC,
      help: 'Whether the named Redis connection can be used now (1) or its store is degraded (0).',
      labelNames: ['connection'],
    })
  );
}
