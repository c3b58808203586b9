import type { EnvironmentSchema } from './validate-environment';

const url = { type: 'string', pattern: '^https?://[^\\s/$.?#][^\\s]*$' };

/** Samplers of the OpenTelemetry specification's `OTEL_TRACES_SAMPLER`. */
export const TRACES_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/**
 * The standard OpenTelemetry variables the gateways read. Tracing is on only when an OTLP endpoint is set;
 * the observability library turns these into its options.
 */
export const otelEnvironment: EnvironmentSchema['properties'] = {
  OTEL_SDK_DISABLED: { type: 'boolean', default: false },
  OTEL_TRACES_EXPORTER: { enum: ['otlp', 'none'] },
  OTEL_EXPORTER_OTLP_ENDPOINT: url,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url,
  OTEL_EXPORTER_OTLP_HEADERS: { type: 'string' },
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: { type: 'string' },
  OTEL_SERVICE_NAME: { type: 'string', minLength: 1 },
  OTEL_RESOURCE_ATTRIBUTES: { type: 'string' },
  OTEL_TRACES_SAMPLER: { enum: [...TRACES_SAMPLERS] },
  OTEL_TRACES_SAMPLER_ARG: { type: 'number', minimum: 0, maximum: 1 },
};
