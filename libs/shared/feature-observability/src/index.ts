export { ObservabilityModule } from './lib/observability.module';
export { OBSERVABILITY_OPTIONS } from './lib/observability.module-definition';
export type { ObservabilityModuleOptions, TracingOptions } from './lib/observability.options';
export { METRICS, METRICS_PATH } from './lib/metrics/metric-names';
export { BREAKER_STATE_VALUE } from './lib/metrics/upstream-metrics';
export { UNMATCHED_ROUTE } from './lib/metrics/http-metrics';
export { tracingFromConfig, samplerFrom, type ConfigReader } from './lib/tracing/tracing-config';
