import { Module } from '@nestjs/common';
import { GATEWAY_NAME } from '@concierge/shared/feature-gateway-core';
import { HttpMetrics } from './metrics/http-metrics';
import { MetricsEndpoint } from './metrics/metrics.endpoint';
import { UpstreamMetrics } from './metrics/upstream-metrics';
import {
  GATEWAY_TRACER,
  OBSERVABILITY_OPTIONS,
  ObservabilityConfigurableModule,
} from './observability.module-definition';
import { ObservabilityHooks } from './observability.hooks';
import type { ObservabilityModuleOptions } from './observability.options';
import { GatewayTracer } from './tracing/gateway-tracer';

/**
 * What operators see of a gateway: Prometheus metrics at `GET /metrics` on the admin listener (requests by route template,
 * upstream calls, breakers, plus the rate-limit and cache counters and Node's own metrics) and, when
 * configured, OpenTelemetry traces of each request and its upstream calls. Needs the gateway core
 * (`GATEWAY_NAME`); `ObservabilityModule.forRoot(Async)` once per gateway (the gateway stack does it).
 */
@Module({
  providers: [
    MetricsEndpoint,
    HttpMetrics,
    UpstreamMetrics,
    {
      provide: GATEWAY_TRACER,
      inject: [OBSERVABILITY_OPTIONS, GATEWAY_NAME],
      useFactory: (options: ObservabilityModuleOptions, name: string) =>
        options.tracing ? new GatewayTracer(options.tracing, name) : null,
    },
    ObservabilityHooks,
  ],
})
export class ObservabilityModule extends ObservabilityConfigurableModule {}
