import type { Sampler, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Options of `ObservabilityModule.forRoot(Async)`. */
export interface ObservabilityModuleOptions {
  /** Node's own metrics (event-loop lag, memory, GC, handles), labelled with the gateway; default true. */
  defaultMetrics?: boolean;
  /** Tracing of inbound requests and upstream calls; off (nothing registered, nothing paid) when absent. */
  tracing?: TracingOptions;
}

/** Where spans go and which are kept. `tracingFromConfig` builds these from the standard `OTEL_*` variables. */
export interface TracingOptions {
  /** Where finished spans are sent (OTLP/HTTP in production, `InMemorySpanExporter` in tests). */
  exporter: SpanExporter;
  /** The `service.name` of the spans; default: the gateway's name. */
  serviceName?: string;
  /** Other resource attributes (`deployment.environment`, ...). */
  resourceAttributes?: Record<string, string>;
  /** Which traces are recorded; default: the client's decision, else all (`parentbased_always_on`). */
  sampler?: Sampler;
  /** Send spans in batches (default) rather than one by one as each ends (tests). */
  batch?: boolean;
}
