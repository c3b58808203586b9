import { Type } from '@sinclair/typebox';
import { oneOf, urlVariable } from './env-types';

/** Samplers of the OpenTelemetry specification's `OTEL_TRACES_SAMPLER`. */
const TRACES_SAMPLERS = [
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
export const otelEnvironment = {
  OTEL_SDK_DISABLED: Type.Boolean({ default: false }),
  OTEL_TRACES_EXPORTER: Type.Optional(oneOf(['otlp', 'none'] as const)),
  OTEL_EXPORTER_OTLP_ENDPOINT: Type.Optional(urlVariable()),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: Type.Optional(urlVariable()),
  OTEL_EXPORTER_OTLP_HEADERS: Type.Optional(Type.String()),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: Type.Optional(Type.String()),
  OTEL_SERVICE_NAME: Type.Optional(Type.String({ minLength: 1 })),
  OTEL_RESOURCE_ATTRIBUTES: Type.Optional(Type.String()),
  OTEL_TRACES_SAMPLER: Type.Optional(oneOf(TRACES_SAMPLERS)),
  OTEL_TRACES_SAMPLER_ARG: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
};
