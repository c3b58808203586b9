import {
  AlwaysOffSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { otlpTracesUrl, samplerFrom, tracingFromConfig } from './tracing-config';

const reader = (values: Record<string, unknown>) => (name: string) => values[name];

describe(tracingFromConfig.name, () => {
  it('is off unless an OTLP endpoint is configured', () => {
    expect(tracingFromConfig(reader({}))).toBeUndefined();
    expect(
      tracingFromConfig(reader({ OTEL_SERVICE_NAME: 'web', OTEL_TRACES_SAMPLER: 'always_on' })),
    ).toBeUndefined();
  });

  it('is off when the SDK is disabled or the exporter is none', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingFromConfig(reader({ ...endpoint, OTEL_SDK_DISABLED: true }))).toBeUndefined();
    expect(tracingFromConfig(reader({ ...endpoint, OTEL_SDK_DISABLED: 'true' }))).toBeUndefined();
    expect(tracingFromConfig(reader({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }))).toBeUndefined();
    expect(tracingFromConfig(reader({ ...endpoint, OTEL_SDK_DISABLED: false }))).toBeDefined();
  });

  it('takes the service name, resource attributes and sampler from the standard variables', () => {
    const options = tracingFromConfig(
      reader({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_SERVICE_NAME: 'web-bff-eu',
        OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=prod,team=platform%20core',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      }),
    );
    expect(options).toMatchObject({
      serviceName: 'web-bff-eu',
      resourceAttributes: { 'deployment.environment': 'prod', team: 'platform core' },
    });
    expect(options?.sampler?.toString()).toMatch(/ParentBased\{root=TraceIdRatioBased\{0\.25\}/);
  });
});

describe(samplerFrom.name, () => {
  it('follows the client by default and honours the named samplers', () => {
    expect(samplerFrom(undefined, undefined)).toBeInstanceOf(ParentBasedSampler);
    expect(samplerFrom('always_off', undefined)).toBeInstanceOf(AlwaysOffSampler);
    expect(samplerFrom('traceidratio', 0.1)).toBeInstanceOf(TraceIdRatioBasedSampler);
    expect(samplerFrom('traceidratio', 7).toString()).toBe('TraceIdRatioBased{1}');
  });
});

describe(otlpTracesUrl.name, () => {
  it('appends /v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT, and takes the traces endpoint as it is', () => {
    expect(otlpTracesUrl(reader({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }))).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(
      otlpTracesUrl(
        reader({
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/ingest',
        }),
      ),
    ).toBe('http://traces:9999/ingest');
  });
});
