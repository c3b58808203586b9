import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { GatewayTracer } from './gateway-tracer';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const inbound = (headers: Record<string, string> = {}) => ({
  method: 'GET',
  route: '/products/:id',
  url: '/products/p1?secret=1',
  requestId: 'req-1',
  headers,
});

describe(GatewayTracer.name, () => {
  let exporter: InMemorySpanExporter;
  let sut: GatewayTracer;

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    sut = new GatewayTracer({ exporter, batch: false }, 'web-bff');
  });
  afterEach(() => sut.shutdown());

  it("names the request's span by route template and keeps the query string out of it", () => {
    sut.endRequest(sut.startRequest(inbound()), 200);
    const [span] = exporter.getFinishedSpans();
    expect(span.name).toBe('GET /products/:id');
    expect(span.attributes).toMatchObject({ 'url.path': '/products/p1', 'http.route': '/products/:id' });
    expect(span.resource.attributes['service.name']).toBe('web-bff');
  });

  it("hands the request's span to its context, so upstream calls become its children", () => {
    const context: RequestContext = {
      requestId: 'req-1',
      identity: {},
      traceparent: `00-${TRACE}-00f067aa0ba902b7-01`,
    };
    const request = sut.startRequest(inbound({ traceparent: context.traceparent as string }));
    sut.attach(context, request);
    expect(context.traceparent).toBe(`00-${TRACE}-${request.spanContext().spanId}-01`);

    const call = sut.start('catalog', 'GET', '/products/:id', context);
    call.end('success', 200);
    call.end('timeout', 504);
    sut.endRequest(request, 200);

    const [client] = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CLIENT);
    expect(exporter.getFinishedSpans()).toHaveLength(2);
    expect(client.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(call.traceparent).toBe(`00-${TRACE}-${client.spanContext().spanId}-01`);
    expect(client.attributes['concierge.upstream.outcome']).toBe('success');
  });

  it('traces a call made outside any request as a trace of its own', () => {
    sut.start('devices', 'GET', '/keys/:id', undefined).end('success', 200);
    const [span] = exporter.getFinishedSpans();
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.kind).toBe(SpanKind.CLIENT);
  });
});
