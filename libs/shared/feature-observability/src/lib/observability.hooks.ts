import { Inject, Injectable, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { UpstreamEvents } from '@concierge/shared/data-access-service-clients';
import { GATEWAY_NAME } from '@concierge/shared/feature-gateway-core';
import { installMetricsHook, installTracingHooks } from './fastify-hooks';
import { HttpMetrics } from './metrics/http-metrics';
import { collectProcessMetrics } from './metrics/prom-metrics';
import { GATEWAY_TRACER, OBSERVABILITY_OPTIONS } from './observability.module-definition';
import type { ObservabilityModuleOptions } from './observability.options';
import type { GatewayTracer } from './tracing/gateway-tracer';

/**
 * Puts metrics and tracing on the gateway's Fastify instance. `onModuleInit` runs inside `app.init()`
 * (which `listen` calls), before Fastify is ready, so hooks added here still apply to every route.
 */
@Injectable()
export class ObservabilityHooks implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityModuleOptions,
    @Inject(GATEWAY_NAME) private readonly gateway: string,
    private readonly metrics: HttpMetrics,
    @Inject(GATEWAY_TRACER) private readonly tracer: GatewayTracer | null,
    @Optional() private readonly events?: UpstreamEvents,
  ) {}

  onModuleInit(): void {
    if (this.options.defaultMetrics !== false) collectProcessMetrics(this.gateway);
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    installMetricsHook(fastify, this.metrics);
    if (this.tracer) {
      installTracingHooks(fastify, this.tracer);
      this.events?.useTracer(this.tracer);
    }
  }

  /** Buffered spans are sent before the process goes. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.tracer) return;
    this.events?.useTracer(undefined);
    await this.tracer.shutdown();
  }
}
