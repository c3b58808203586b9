import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { UpstreamCallSpan, UpstreamCallTracer } from '@concierge/shared/data-access-service-clients';
import type { RequestContext } from '@concierge/shared/util-request-context';
import type { TracingOptions } from '../observability.options';
import { formatTraceparent, remoteParent } from './traceparent';

/** What the tracer needs of an inbound request. */
export interface InboundRequest {
  method: string;
  /** The route template, or undefined when none matched. */
  route: string | undefined;
  url: string;
  requestId: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * One SERVER span per inbound request (continuing the client's trace when its `traceparent` is sane) and
 * one CLIENT span per upstream call under it, each call carrying its own span's `traceparent`.
 *
 * The provider is this gateway's own, never registered globally: nothing else in the process pays for
 * it, and parents are passed explicitly (the request's span is found through its request context), so no
 * OpenTelemetry context manager is needed.
 */
export class GatewayTracer implements UpstreamCallTracer {
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;
  private readonly requestSpans = new WeakMap<RequestContext, Span>();

  constructor(options: TracingOptions, gateway: string) {
    const exporter = options.exporter;
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({
        ...options.resourceAttributes,
        'service.name': options.serviceName ?? options.resourceAttributes?.['service.name'] ?? gateway,
      }),
      sampler: options.sampler ?? new ParentBasedSampler({ root: new AlwaysOnSampler() }),
      spanProcessors: [
        options.batch === false ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter),
      ],
    });
    this.tracer = this.provider.getTracer('@concierge/shared/feature-observability');
  }

  /** Opens the SERVER span of a request, as a child of the client's span when it sent one. */
  startRequest({ method, route, url, requestId, headers }: InboundRequest): Span {
    const parent = remoteParent(headers['traceparent'], headers['tracestate']);
    const query = url.indexOf('?');
    return this.tracer.startSpan(
      route ? `${method} ${route}` : method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': method,
          'http.route': route,
          'url.path': query < 0 ? url : url.slice(0, query),
          'concierge.request_id': requestId,
        },
      },
      parent ? trace.setSpanContext(ROOT_CONTEXT, parent) : ROOT_CONTEXT,
    );
  }

  /**
   * Ties `span` to the request's context: upstream calls become its children, and anything that passes the
   * context's `traceparent` on (declared pass-through routes) names the gateway's span, not the client's.
   */
  attach(context: RequestContext, span: Span): void {
    this.requestSpans.set(context, span);
    context.traceparent = formatTraceparent(span.spanContext());
  }

  /**
   * Closes a request's span with the status it was answered with (5xx marks it failed); `route` names the
   * template when it was found only by the handler (a declared route behind the table's catch-all).
   */
  endRequest(span: Span, status: number, found?: { method: string; route: string }): void {
    if (found) {
      span.setAttribute('http.route', found.route);
      span.updateName(`${found.method} ${found.route}`);
    }
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }

  /** The client went away before the answer. */
  abortRequest(span: Span): void {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'client aborted the request' });
    span.end();
  }

  /** A CLIENT span for one upstream call (the service-client seam). */
  start(
    service: string,
    method: string,
    route: string,
    context: RequestContext | undefined,
  ): UpstreamCallSpan {
    const parent = context && this.requestSpans.get(context);
    const span = this.tracer.startSpan(
      `${method} ${route}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'http.request.method': method, 'url.template': route, 'peer.service': service },
      },
      parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT,
    );
    let open = true;
    return {
      traceparent: formatTraceparent(span.spanContext()),
      end: (outcome, status) => {
        if (!open) return;
        open = false;
        span.setAttribute('http.response.status_code', status);
        span.setAttribute('concierge.upstream.outcome', outcome);
        if (outcome !== 'success' || status >= 400)
          span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        span.end();
      },
    };
  }

  /** Sends what is still buffered and stops. */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}
