export { ObservabilityModule } from './lib/observability.module';
export type { ObservabilityModuleOptions } from './lib/observability.options';
export { tracingFromConfig } from './lib/tracing/tracing-config';
