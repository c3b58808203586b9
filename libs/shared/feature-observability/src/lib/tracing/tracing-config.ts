import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from '@opentelemetry/sdk-trace-base';
import type { TracingOptions } from '../observability.options';

/** Reads one configuration value (`(name) => config.get(name)`); undefined when unset. */
export type ConfigReader = (name: string) => unknown;

function text(read: ConfigReader, name: string): string | undefined {
  const value = read(name);
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

/** `k1=v1,k2=v2` (the form of `OTEL_EXPORTER_OTLP_HEADERS` and `OTEL_RESOURCE_ATTRIBUTES`), values URL-decoded. */
function parseKeyValueList(list: string | undefined): Record<string, string> | undefined {
  if (!list) return undefined;
  const pairs: Record<string, string> = {};
  for (const entry of list.split(',')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const key = entry.slice(0, eq).trim();
    const raw = entry.slice(eq + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // Kept as written: a stray % is not worth refusing to start over.
    }
    if (key) pairs[key] = value;
  }
  return pairs;
}

/** The sampler `OTEL_TRACES_SAMPLER` / `OTEL_TRACES_SAMPLER_ARG` name; default `parentbased_always_on`. */
export function samplerFrom(name: string | undefined, arg: number | undefined): Sampler {
  const ratio = arg === undefined || !Number.isFinite(arg) ? 1 : Math.min(1, Math.max(0, arg));
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/**
 * Where OTLP/HTTP traces go: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as it is, else `OTEL_EXPORTER_OTLP_ENDPOINT`
 * with `/v1/traces` appended (as the specification says); undefined when neither is set.
 */
export function otlpTracesUrl(read: ConfigReader): string | undefined {
  const traces = text(read, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  if (traces) return traces;
  const base = text(read, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

/**
 * Tracing options from the standard `OTEL_*` variables (validated by the gateway core's `otelEnvironment`), or undefined —
 * tracing off — unless `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` (used as it is) or `OTEL_EXPORTER_OTLP_ENDPOINT`
 * (`/v1/traces` appended) is set, and neither `OTEL_SDK_DISABLED=true` nor `OTEL_TRACES_EXPORTER=none` says no.
 */
export function tracingFromConfig(read: ConfigReader): TracingOptions | undefined {
  const disabled = read('OTEL_SDK_DISABLED');
  if (disabled === true || String(disabled).toLowerCase() === 'true') return undefined;
  if (text(read, 'OTEL_TRACES_EXPORTER') === 'none') return undefined;
  const endpoint = otlpTracesUrl(read);
  if (!endpoint) return undefined;
  const headers = parseKeyValueList(
    text(read, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS') ?? text(read, 'OTEL_EXPORTER_OTLP_HEADERS'),
  );
  const arg = text(read, 'OTEL_TRACES_SAMPLER_ARG');
  return {
    exporter: new OTLPTraceExporter({ url: endpoint, headers }),
    serviceName: text(read, 'OTEL_SERVICE_NAME'),
    resourceAttributes: parseKeyValueList(text(read, 'OTEL_RESOURCE_ATTRIBUTES')),
    sampler: samplerFrom(text(read, 'OTEL_TRACES_SAMPLER'), arg === undefined ? undefined : Number(arg)),
  };
}
