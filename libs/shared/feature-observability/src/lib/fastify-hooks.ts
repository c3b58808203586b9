import type { Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { routeTemplateOf } from '@concierge/shared/util-http';
import { requestContextOf } from '@concierge/shared/util-request-context';
import { HttpMetrics, UNMATCHED_ROUTE } from './metrics/http-metrics';
import type { GatewayTracer } from './tracing/gateway-tracer';

/**
 * Counts and times every answered request of the client port, by route template (a declared route's own,
 * though Fastify routed it to the table's catch-all). Scrapes of `/metrics` never pass here: the admin
 * listener serves them, on its own Fastify instance.
 */
export function installMetricsHook(fastify: FastifyInstance, metrics: HttpMetrics): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = routeTemplateOf(request) ?? request.routeOptions.url;
    metrics.record(request.method, route ?? UNMATCHED_ROUTE, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
}

/**
 * A span per request: opened as soon as the request arrives, tied to the request context once the gateway
 * core has opened it (`preValidation`, registered before these hooks), closed when the answer is sent.
 */
export function installTracingHooks(fastify: FastifyInstance, tracer: GatewayTracer): void {
  const spans = new WeakMap<FastifyRequest, Span>();
  const take = (request: FastifyRequest) => {
    const span = spans.get(request);
    if (span) spans.delete(request);
    return span;
  };
  fastify.addHook('onRequest', (request, _reply, done) => {
    spans.set(
      request,
      tracer.startRequest({
        method: request.method,
        route: request.routeOptions.url,
        url: request.url,
        requestId: request.id,
        headers: request.headers,
      }),
    );
    done();
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const span = spans.get(request);
    const context = requestContextOf(request);
    if (span && context) tracer.attach(context, span);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const span = take(request);
    if (!span) return done();
    const route = routeTemplateOf(request);
    tracer.endRequest(span, reply.statusCode, route ? { method: request.method, route } : undefined);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    const span = take(request);
    if (span) tracer.abortRequest(span);
    done();
  });
}
