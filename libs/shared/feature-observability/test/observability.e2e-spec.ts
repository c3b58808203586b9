import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Param, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { forkJoin } from 'rxjs';
import {
  ServiceClientsModule,
  UpstreamClient,
  pathSegment,
} from '@concierge/shared/data-access-service-clients';
import { AdminServer, CallContext, createGateway } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { ObservabilityModule, type ObservabilityModuleOptions } from '../src';
import { sample } from './support/metrics-text';

@Controller('products')
class ProductsController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get(':id')
  product(@Param('id') id: string, @CallContext() context: RequestContext) {
    return this.getProduct(id, context);
  }

  @Get(':id/with-stock')
  withStock(@Param('id') id: string, @CallContext() context: RequestContext) {
    return forkJoin({
      product: this.getProduct(id, context),
      stock: this.upstream.get(
        'catalog',
        '/products/:id/stock',
        `/products/${pathSegment(id)}/stock`,
        undefined,
        { context },
      ),
    });
  }

  private getProduct(id: string, context: RequestContext) {
    return this.upstream.get('catalog', '/products/:id', `/products/${pathSegment(id)}`, undefined, {
      context,
    });
  }
}

/** A catalog service that records the headers it got and fails on demand. */
class FakeCatalog {
  readonly headers: IncomingHttpHeaders[] = [];
  failing = false;
  url = '';
  private readonly server: Server = createServer((req, res) => {
    this.headers.push(req.headers);
    const status = this.failing ? 503 : 200;
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: 'p1', url: req.url }));
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function testModule(catalogUrl: string, options: ObservabilityModuleOptions): DynamicModule {
  @Module({})
  class TestAppModule {}
  return {
    module: TestAppModule,
    imports: [
      ServiceClientsModule.forRoot({
        services: { catalog: { baseUrl: catalogUrl } },
        defaults: {
          retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, minRetriesPerSec: 100 },
          breaker: { consecutiveFailures: 4, halfOpenAfterMs: 60_000 },
        },
      }),
      ObservabilityModule.forRoot(options),
    ],
    controllers: [ProductsController],
  };
}

async function startGateway(
  name: string,
  module: DynamicModule,
): Promise<{ app: NestFastifyApplication; base: string; admin: string }> {
  const { app } = await createGateway(module, { name, env: { PORT: '0', LOG_LEVEL: 'silent' } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: await app.getUrl(), admin: app.get(AdminServer).url };
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN_ID = '00f067aa0ba902b7';

describe('ObservabilityModule (e2e)', () => {
  const exporter = new InMemorySpanExporter();
  let catalog: FakeCatalog;
  let app: NestFastifyApplication;
  let base: string;
  let admin: string;

  beforeAll(async () => {
    catalog = await new FakeCatalog().start();
    ({ app, base, admin } = await startGateway(
      'obs-test',
      testModule(catalog.url, { tracing: { exporter, batch: false } }),
    ));
  });
  afterAll(async () => {
    await app.close();
    await catalog.close();
  });
  beforeEach(() => {
    exporter.reset();
    catalog.headers.length = 0;
    catalog.failing = false;
  });

  const metrics = async () => {
    const response = await fetch(`${admin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  /** Spans end in `onResponse`, which may run just after the client has the answer. */
  async function spansOf(traceId: string, count: number): Promise<ReadableSpan[]> {
    for (let i = 0; i < 100; i++) {
      const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
      if (spans.length >= count) return spans;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  }

  describe('metrics', () => {
    it('counts requests by route template, method and status, and times them', async () => {
      const labels = { gateway: 'obs-test', method: 'GET', route: '/products/:id', status: '200' };
      const before = sample(await metrics(), 'http_requests_total', labels) ?? 0;
      for (const id of ['p1', 'p2', 'p3']) expect((await fetch(`${base}/products/${id}`)).status).toBe(200);

      const text = await metrics();
      expect(sample(text, 'http_requests_total', labels)).toBe(before + 3);
      expect(
        sample(text, 'http_request_duration_seconds_count', {
          gateway: 'obs-test',
          method: 'GET',
          route: '/products/:id',
        }),
      ).toBeGreaterThanOrEqual(3);
      expect(text).not.toMatch(/route="\/products\/p1"/);
    });

    it('serves /metrics on the admin listener only: the client port answers 404 problem+json', async () => {
      const client = await fetch(`${base}/metrics`);
      expect(client.status).toBe(404);
      expect(client.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await client.text()).not.toMatch(/http_requests_total|upstream_/);
      expect(await metrics()).toMatch(/^# HELP /m);
    });

    it('labels what matched no route "unmatched", and leaves the scrapes themselves out', async () => {
      expect((await fetch(`${base}/no/such/${Date.now()}`)).status).toBe(404);
      const text = await metrics();
      expect(
        sample(text, 'http_requests_total', { route: 'unmatched', status: '404' }),
      ).toBeGreaterThanOrEqual(1);
      expect(text).not.toMatch(/route="\/no\/such/);
      expect(text).not.toMatch(/route="\/metrics"/);
    });

    it('counts upstream calls by service, route template and outcome, with their latency', async () => {
      const labels = { service: 'catalog', method: 'GET', route: '/products/:id/stock', outcome: 'success' };
      const before = sample(await metrics(), 'upstream_requests_total', labels) ?? 0;
      await fetch(`${base}/products/p9/with-stock`);
      await fetch(`${base}/products/p9/with-stock`);

      const text = await metrics();
      expect(sample(text, 'upstream_requests_total', labels)).toBe(before + 2);
      expect(
        sample(text, 'upstream_request_duration_seconds_count', {
          service: 'catalog',
          route: '/products/:id',
        }),
      ).toBeGreaterThanOrEqual(2);
    });

    it("shows Node's own metrics labelled with the gateway", async () => {
      const text = await metrics();
      expect(sample(text, 'nodejs_eventloop_lag_seconds', { gateway: 'obs-test' })).toEqual(
        expect.any(Number),
      );
      expect(sample(text, 'process_resident_memory_bytes', { gateway: 'obs-test' })).toBeGreaterThan(0);
    });
  });

  describe('tracing', () => {
    it("continues the client's trace: one SERVER span under the client's span, a CLIENT span per upstream call", async () => {
      const response = await fetch(`${base}/products/p1/with-stock`, {
        headers: { traceparent: `00-${TRACE_ID}-${CLIENT_SPAN_ID}-01`, tracestate: 'vendor=abc' },
      });
      expect(response.status).toBe(200);

      const spans = await spansOf(TRACE_ID, 3);
      const servers = spans.filter((span) => span.kind === SpanKind.SERVER);
      expect(servers).toHaveLength(1);
      const [server] = servers;
      expect(server.name).toBe('GET /products/:id/with-stock');
      expect(server.parentSpanContext?.spanId).toBe(CLIENT_SPAN_ID);
      expect(server.attributes['http.response.status_code']).toBe(200);
      expect(server.attributes['concierge.request_id']).toBe(response.headers.get('x-request-id'));

      const clients = spans.filter((span) => span.kind === SpanKind.CLIENT);
      expect(clients.map((span) => span.name).sort()).toEqual([
        'GET /products/:id',
        'GET /products/:id/stock',
      ]);
      for (const client of clients) {
        expect(client.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
        expect(client.attributes['peer.service']).toBe('catalog');
      }

      // What went upstream names the gateway's own spans, in the client's trace.
      const sent = catalog.headers.map((headers) => headers['traceparent'] as string);
      expect(sent).toHaveLength(2);
      const ours = new Set(clients.map((span) => span.spanContext().spanId));
      for (const traceparent of sent) {
        const [, traceId, spanId, flags] = traceparent.split('-');
        expect(traceId).toBe(TRACE_ID);
        expect(spanId).not.toBe(CLIENT_SPAN_ID);
        expect(ours.has(spanId)).toBe(true);
        expect(flags).toBe('01');
      }
      expect(catalog.headers[0]['tracestate']).toBe('vendor=abc');
    });

    it('starts a new trace when the client sent no (or a broken) traceparent', async () => {
      await fetch(`${base}/products/p1`, {
        headers: { traceparent: `00-${'0'.repeat(32)}-${CLIENT_SPAN_ID}-01` },
      });
      const [traceparent] = catalog.headers.map((headers) => headers['traceparent'] as string);
      const traceId = traceparent.split('-')[1];
      expect(traceId).not.toBe('0'.repeat(32));

      const spans = await spansOf(traceId, 2);
      const server = spans.find((span) => span.kind === SpanKind.SERVER);
      expect(server?.parentSpanContext).toBeUndefined();
      expect(spans.find((span) => span.kind === SpanKind.CLIENT)?.parentSpanContext?.spanId).toBe(
        server?.spanContext().spanId,
      );
    });

    it('records nothing for a trace the client did not sample, but still passes the trace on', async () => {
      const traceId = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
      await fetch(`${base}/products/p1`, { headers: { traceparent: `00-${traceId}-${CLIENT_SPAN_ID}-00` } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(exporter.getFinishedSpans()).toHaveLength(0);
      const [, sentTrace, sentSpan, flags] = (catalog.headers[0]['traceparent'] as string).split('-');
      expect([sentTrace, flags]).toEqual([traceId, '00']);
      expect(sentSpan).not.toBe(CLIENT_SPAN_ID);
    });

    it('marks a failed upstream call and the 5xx answer as errors', async () => {
      catalog.failing = true;
      const traceId = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
      const response = await fetch(`${base}/products/p1`, {
        headers: { traceparent: `00-${traceId}-${CLIENT_SPAN_ID}-01` },
      });
      expect(response.status).toBe(502);
      const spans = await spansOf(traceId, 2);
      const client = spans.find((span) => span.kind === SpanKind.CLIENT);
      expect(client?.attributes['concierge.upstream.outcome']).toBe('bad-gateway');
      expect(client?.status.code).toBe(2);
      expect(
        spans.find((span) => span.kind === SpanKind.SERVER)?.attributes['http.response.status_code'],
      ).toBe(502);
    });
  });

  // Last: it leaves the catalog's breaker open.
  it('counts retries and failures, and shows the breaker open (2) once it opens', async () => {
    expect(sample(await metrics(), 'circuit_breaker_state', { service: 'catalog' })).toBe(0);
    catalog.failing = true;
    let state: number | undefined;
    for (let i = 0; i < 10 && state !== 2; i++) {
      expect((await fetch(`${base}/products/p1`)).status).toBeGreaterThanOrEqual(500);
      state = sample(await metrics(), 'circuit_breaker_state', { service: 'catalog' });
    }
    expect(state).toBe(2);
    const text = await metrics();
    expect(sample(text, 'upstream_retries_total', { service: 'catalog' })).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'upstream_requests_total', { service: 'catalog', outcome: 'bad-gateway' }),
    ).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${base}/products/p1`)).status).toBe(503);
    expect(
      sample(await metrics(), 'upstream_requests_total', { service: 'catalog', outcome: 'circuit-open' }),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('ObservabilityModule without tracing (e2e)', () => {
  it("adds no spans: the client's traceparent goes upstream as it came", async () => {
    const catalog = await new FakeCatalog().start();
    const { app, base, admin } = await startGateway('obs-off', testModule(catalog.url, {}));
    try {
      const traceparent = `00-${TRACE_ID}-${CLIENT_SPAN_ID}-01`;
      expect((await fetch(`${base}/products/p1`, { headers: { traceparent } })).status).toBe(200);
      expect(catalog.headers[0]['traceparent']).toBe(traceparent);
      expect((await fetch(`${admin}/metrics`)).status).toBe(200);
    } finally {
      await app.close();
      await catalog.close();
    }
  });
});
