import { TestingModule } from '@nestjs/testing';
import { responseHeadersOf } from '@concierge/shared/util-http';
import { Observable, firstValueFrom } from 'rxjs';
import {
  TestUpstream,
  compileClients,
  delay,
  json,
  refusedUrl,
  startTestUpstream,
} from '../../test/test-upstream';
import {
  OrdersFixtureClient as OrdersClient,
  ProductsFixtureClient as CatalogClient,
} from '../../test/fixture-clients';
import { UpstreamException } from './errors/upstream.exception';
import { ServiceClientsModuleOptions } from './service-clients.options';
import { UpstreamEvent, UpstreamEvents } from './upstream-events';
import { UpstreamRegistry } from './upstream-registry';
import { UpstreamClient } from './upstream.client';

async function failure(call: Observable<unknown>): Promise<UpstreamException> {
  try {
    await firstValueFrom(call);
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamException);
    return error as UpstreamException;
  }
  throw new Error('the call succeeded');
}

const noRetry = { retry: { maxAttempts: 1 } };
const order = { userId: 'u1', items: [{ productId: 'p1', quantity: 1 }] };

describe(UpstreamClient.name, () => {
  describe.each(['undici', 'axios'] as const)('over %s', (transport) => {
    let server: TestUpstream;
    let moduleRef: TestingModule;
    let sut: UpstreamClient;

    async function boot(defaults: ServiceClientsModuleOptions['defaults'] = {}, url = server.url) {
      moduleRef = await compileClients({
        transport,
        services: { catalog: { baseUrl: url }, orders: { baseUrl: url }, users: { baseUrl: url } },
        defaults: { timeoutMs: 1_000, ...defaults },
      });
      sut = moduleRef.get(UpstreamClient);
    }

    beforeEach(async () => {
      server = await startTestUpstream();
    });

    afterEach(async () => {
      await moduleRef?.close();
      await server.close();
    });

    describe('round trips', () => {
      it('GETs JSON through a typed client', async () => {
        server.handle = (req, res) => json(res, 200, { id: 'p-1', name: 'Lamp', url: req.url });
        await boot();

        const product = await firstValueFrom(moduleRef.get(CatalogClient).getProduct('p-1'));

        expect(product).toEqual({ id: 'p-1', name: 'Lamp', url: '/products/p-1' });
        expect(server.requests.map((r) => r.method)).toEqual(['GET']);
      });

      it('POSTs a JSON body and reads the JSON answer', async () => {
        server.handle = (_req, res, body) => json(res, 201, { id: 'o-1', ...JSON.parse(body) });
        await boot();

        const placed = await firstValueFrom(moduleRef.get(OrdersClient).createOrder(order));

        expect(placed).toEqual({ order: { id: 'o-1', ...order }, created: true, replayed: false });
        expect(server.requests[0].headers['content-type']).toBe('application/json');
        expect(JSON.parse(server.requests[0].body)).toEqual(order);
      });

      it('says when an order was replayed for its key, and fails a refusal with the service problem', async () => {
        server.handle = (req, res) =>
          req.headers['idempotency-key'] === 'reused'
            ? json(res, 422, {
                type: 'https://x/key-reused',
                title: 'Unprocessable',
                status: 422,
                instance: '/orders',
              })
            : (res.setHeader('idempotent-replayed', 'true'), json(res, 200, { id: 'o-9' }));
        await boot();
        const orders = moduleRef.get(OrdersClient);

        await expect(firstValueFrom(orders.createOrder(order, 'again'))).resolves.toEqual({
          order: { id: 'o-9' },
          created: false,
          replayed: true,
        });
        const refused = await failure(orders.createOrder(order, 'reused'));
        expect(refused.getStatus()).toBe(422);
        expect(refused.getResponse()).toEqual({
          type: 'https://x/key-reused',
          title: 'Unprocessable',
          status: 422,
        });
      });

      it('answers pass-through requests with status, plain lower-case headers and data, 4xx included', async () => {
        server.handle = (_req, res) => {
          res.writeHead(404, { 'Content-Type': 'text/plain', 'X-Upstream': 'yes', Connection: 'keep-alive' });
          res.end('nothing here');
        };
        await boot();

        const response = await firstValueFrom(
          sut.request('users', { method: 'GET', path: '/users/nobody', responseType: 'text' }),
        );

        expect(response.status).toBe(404);
        expect(response.data).toBe('nothing here');
        expect(Object.getPrototypeOf(response.headers)).toBe(Object.prototype);
        expect(response.headers['x-upstream']).toBe('yes');
        expect(response.headers['connection']).toBeUndefined();
        expect(response.headers['keep-alive']).toBeUndefined();
      });
    });

    describe('headers', () => {
      it('carries the request id, trace context and verified identity of the request context', async () => {
        await boot();
        const context = {
          requestId: 'req-42',
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          tracestate: 'vendor=1',
          identity: { 'x-user-id': 'u-7', 'x-user-scopes': 'catalog:read' },
        };

        await firstValueFrom(moduleRef.get(CatalogClient).listProducts({ q: 'lamp' }, { context }));

        expect(server.requests[0].url).toBe('/products?q=lamp');
        expect(server.requests[0].headers).toMatchObject({
          'x-request-id': 'req-42',
          traceparent: context.traceparent,
          tracestate: 'vendor=1',
          'x-user-id': 'u-7',
          'x-user-scopes': 'catalog:read',
        });
      });

      it('never forwards hop-by-hop headers nor identity headers the caller supplied', async () => {
        await boot();
        const headers = {
          connection: 'x-secret',
          'x-secret': 'token',
          'keep-alive': 'timeout=99',
          'proxy-authorization': 'Basic abc',
          te: 'trailers',
          upgrade: 'h2c',
          'x-user-id': 'spoofed',
          'x-custom': 'kept',
        };

        await firstValueFrom(
          sut.request('users', {
            method: 'GET',
            path: '/users/u1',
            headers,
            context: { requestId: 'r', identity: { 'x-user-id': 'real' } },
          }),
        );

        const seen = server.requests[0].headers;
        expect(seen['x-custom']).toBe('kept');
        expect(seen['x-user-id']).toBe('real');
        for (const name of ['x-secret', 'keep-alive', 'proxy-authorization', 'te', 'upgrade'])
          expect(seen[name]).toBeUndefined();
        expect(seen['connection'] ?? 'keep-alive').toBe('keep-alive');
      });
    });

    it('reuses keep-alive connections for sequential calls', async () => {
      await boot();

      for (let i = 0; i < 50; i++) await firstValueFrom(sut.get('users', '/users/:id', `/users/u${i}`));

      expect(server.requests).toHaveLength(50);
      expect(server.connections).toBeLessThanOrEqual(2);
    });

    describe('errors', () => {
      it('maps a call that outlives its timeout to 504', async () => {
        server.handle = async (_req, res) => {
          await delay(1_000);
          json(res, 200, {});
        };
        await boot(noRetry);

        const error = await failure(
          sut.get('users', '/users/:id', '/users/slow', undefined, { timeoutMs: 50 }),
        );

        expect(error.getStatus()).toBe(504);
        expect(error.code).toBe('timeout');
        expect(error.getResponse()).toMatchObject({ status: 504, detail: expect.stringContaining('users') });
      });

      it('caps the call by what remains of the request deadline', async () => {
        server.handle = async (_req, res) => {
          await delay(1_000);
          json(res, 200, {});
        };
        await boot(noRetry);
        const started = Date.now();

        const error = await failure(
          sut.get('users', '/users/:id', '/users/slow', undefined, {
            context: { requestId: 'r', identity: {}, deadline: Date.now() + 60 },
          }),
        );

        expect(error.getStatus()).toBe(504);
        expect(Date.now() - started).toBeLessThan(900);
      });

      it('maps a refused connection to 503', async () => {
        await boot(noRetry, await refusedUrl());

        const error = await failure(sut.get('users', '/users/:id', '/users/u1'));

        expect(error.getStatus()).toBe(503);
        expect(error.code).toBe('connection-failed');
      });

      it('maps an upstream 5xx to 502 without leaking its body or address', async () => {
        server.handle = (_req, res) =>
          json(res, 500, { message: 'boom', stack: 'at db.query (/srv/secret.js:1)' });
        await boot(noRetry);

        const error = await failure(sut.get('catalog', '/products/:id', '/products/p1'));

        expect(error.getStatus()).toBe(502);
        expect(error.cause.upstreamStatus).toBe(500);
        const body = JSON.stringify(error.getResponse());
        expect(body).toContain('catalog');
        expect(body).not.toMatch(/boom|secret|stack|127\.0\.0\.1/);
      });

      it('passes a 4xx through with the upstream problem body', async () => {
        const upstreamProblem = {
          type: 'https://concierge.dev/problems/not-found',
          title: 'Not Found',
          status: 404,
          detail: 'No product p9',
          instance: '/products/p9',
        };
        server.handle = (_req, res) => json(res, 404, upstreamProblem, 'application/problem+json');
        await boot(noRetry);

        const error = await failure(moduleRef.get(CatalogClient).getProduct('p9'));

        expect(error.getStatus()).toBe(404);
        expect(error.code).toBe('upstream-status');
        expect(error.getResponse()).toEqual({
          type: upstreamProblem.type,
          title: 'Not Found',
          status: 404,
          detail: 'No product p9',
        });
      });

      it('builds a problem from the status when a 4xx body is not one', async () => {
        server.handle = (_req, res) => json(res, 409, { error: 'conflict' });
        await boot(noRetry);

        const error = await failure(sut.get('orders', '/orders/:id', '/orders/o1'));

        expect(error.getStatus()).toBe(409);
        expect(error.getResponse()).toMatchObject({
          status: 409,
          title: 'Conflict',
          detail: expect.stringContaining('orders'),
        });
      });
    });

    describe('retries', () => {
      const retrying = { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } };

      it('retries a GET answered 503 and returns the answer that follows', async () => {
        server.handle = (_req, res) =>
          server.requests.length < 3 ? json(res, 503, {}) : json(res, 200, { ok: 1 });
        await boot(retrying);

        await expect(firstValueFrom(sut.get('users', '/users/:id', '/users/u1'))).resolves.toEqual({ ok: 1 });
        expect(server.requests).toHaveLength(3);
      });

      it('never retries a POST without Idempotency-Key', async () => {
        server.handle = (_req, res) => json(res, 503, {});
        await boot(retrying);

        const error = await failure(moduleRef.get(OrdersClient).createOrder(order));

        expect(error.getStatus()).toBe(502);
        expect(server.requests).toHaveLength(1);
      });

      it('retries a POST that carries Idempotency-Key, with the same key', async () => {
        server.handle = (_req, res) =>
          server.requests.length < 2 ? json(res, 503, {}) : json(res, 201, { id: 'o1' });
        await boot(retrying);

        await expect(
          firstValueFrom(moduleRef.get(OrdersClient).createOrder(order, 'key-1')),
        ).resolves.toEqual({ order: { id: 'o1' }, created: true, replayed: false });
        expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['key-1', 'key-1']);
      });

      it('does not retry a 500 (only 502/503/504 and connection failures)', async () => {
        server.handle = (_req, res) => json(res, 500, {});
        await boot(retrying);

        await failure(sut.get('users', '/users/:id', '/users/u1'));

        expect(server.requests).toHaveLength(1);
      });

      it('keeps an outage at most 1.2× the calls (plus the floor) under the retry budget', async () => {
        server.handle = (_req, res) => json(res, 503, {});
        await boot({
          retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0, budgetRatio: 0.2, minRetriesPerSec: 0.5 },
          breaker: { consecutiveFailures: 10_000 },
        });
        const calls = 100;

        for (let i = 0; i < calls; i++) await failure(sut.get('users', '/users/:id', `/users/u${i}`));

        const floor = 0.5 * 10;
        expect(server.requests.length).toBeGreaterThan(calls); // some retries were made
        expect(server.requests.length).toBeLessThanOrEqual(calls * 1.2 + floor + 1); // instead of 3 × calls
      });
    });

    describe('circuit breaker', () => {
      it('opens after consecutive failures, fails fast without calling, then closes after a healthy probe', async () => {
        let healthy = false;
        server.handle = (_req, res) => (healthy ? json(res, 200, { ok: 1 }) : json(res, 500, {}));
        await boot({ ...noRetry, breaker: { consecutiveFailures: 3, halfOpenAfterMs: 200 } });
        const registry = moduleRef.get(UpstreamRegistry);
        const events: UpstreamEvent[] = [];
        moduleRef.get(UpstreamEvents).events$.subscribe((event) => events.push(event));
        const call = () => sut.get('users', '/users/:id', '/users/u1');

        for (let i = 0; i < 3; i++) expect((await failure(call())).getStatus()).toBe(502);
        const fast = await failure(call());

        expect(fast.getStatus()).toBe(503);
        expect(fast.code).toBe('circuit-open');
        expect(responseHeadersOf(fast.getResponse())).toEqual({ 'Retry-After': '1' });
        expect(server.requests).toHaveLength(3);
        expect(registry.list().find((u) => u.name === 'users')?.breaker).toBe('open');

        healthy = true;
        await delay(250);
        await expect(firstValueFrom(call())).resolves.toEqual({ ok: 1 });

        expect(server.requests).toHaveLength(4);
        expect(registry.list().find((u) => u.name === 'users')?.breaker).toBe('closed');
        expect(
          events.filter((e) => e.type === 'breaker-state').map((e) => e.type === 'breaker-state' && e.to),
        ).toEqual(['open', 'half-open', 'closed']);
      });

      it('does not count 4xx answers as failures', async () => {
        server.handle = (_req, res) => json(res, 404, {});
        await boot({ ...noRetry, breaker: { consecutiveFailures: 2 } });

        for (let i = 0; i < 4; i++)
          expect((await failure(sut.get('users', '/users/:id', '/users/x'))).getStatus()).toBe(404);

        expect(server.requests).toHaveLength(4);
      });

      it('counts a 4xx answer as a healthy service: failures must be consecutive to open it', async () => {
        let status = 500;
        server.handle = (_req, res) => json(res, status, {});
        await boot({ ...noRetry, breaker: { consecutiveFailures: 2 } });
        const call = () => failure(sut.get('users', '/users/:id', '/users/x'));

        for (let i = 0; i < 3; i++) {
          status = 500;
          expect((await call()).getStatus()).toBe(502);
          status = 404;
          expect((await call()).getStatus()).toBe(404);
        }

        expect(
          moduleRef
            .get(UpstreamRegistry)
            .list()
            .find((u) => u.name === 'users')?.breaker,
        ).toBe('closed');
        expect(server.requests).toHaveLength(6);
      });

      it('does not count calls their caller gave up on', async () => {
        server.handle = async (_req, res) => {
          await delay(200);
          json(res, 200, {});
        };
        await boot({ ...noRetry, breaker: { consecutiveFailures: 2 } });

        for (let i = 0; i < 4; i++) {
          const subscription = sut
            .get('users', '/users/:id', `/users/u${i}`)
            .subscribe({ error: () => undefined });
          await delay(20);
          subscription.unsubscribe();
        }
        await delay(50);

        expect(
          moduleRef
            .get(UpstreamRegistry)
            .list()
            .find((u) => u.name === 'users')?.breaker,
        ).toBe('closed');
        await expect(firstValueFrom(sut.get('users', '/users/:id', '/users/ok'))).resolves.toEqual({});
      });
    });

    describe('bulkhead', () => {
      it('caps the calls in flight at the service', async () => {
        server.handle = async (_req, res) => {
          await delay(30);
          json(res, 200, {});
        };
        await boot({ bulkhead: { maxConcurrent: 2, maxQueue: 20 } });

        await Promise.all(
          Array.from({ length: 8 }, (_, i) => firstValueFrom(sut.get('users', '/users/:id', `/users/u${i}`))),
        );

        expect(server.requests).toHaveLength(8);
        expect(server.maxInFlight).toBe(2);
      });

      it('fails at once with 503 when slots and queue are full', async () => {
        server.handle = async (_req, res) => {
          await delay(50);
          json(res, 200, {});
        };
        await boot({ bulkhead: { maxConcurrent: 1, maxQueue: 0 } });

        const results = await Promise.allSettled([
          firstValueFrom(sut.get('users', '/users/:id', '/users/a')),
          firstValueFrom(sut.get('users', '/users/:id', '/users/b')),
        ]);

        expect(results[0].status).toBe('fulfilled');
        const rejected = results[1] as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(UpstreamException);
        expect((rejected.reason as UpstreamException).getStatus()).toBe(503);
        expect((rejected.reason as UpstreamException).code).toBe('bulkhead-full');
        expect(server.requests).toHaveLength(1);
      });
    });

    describe('observer', () => {
      it('reports each call with service, method, route template, status and duration', async () => {
        await boot();
        const events: UpstreamEvent[] = [];
        moduleRef.get(UpstreamEvents).events$.subscribe((event) => events.push(event));

        await firstValueFrom(moduleRef.get(CatalogClient).getStock('p-1'));

        expect(events).toEqual([
          expect.objectContaining({
            type: 'call-started',
            service: 'catalog',
            method: 'GET',
            route: '/products/:id/stock',
          }),
          expect.objectContaining({
            type: 'call-finished',
            outcome: 'success',
            status: 200,
            durationMs: expect.any(Number),
          }),
        ]);
      });
    });

    it('cancels the request at the service when the caller unsubscribes', async () => {
      let closedEarly = false;
      server.handle = async (req, res) => {
        res.on('close', () => (closedEarly = !res.writableEnded));
        await delay(300);
        if (!res.destroyed) json(res, 200, {});
      };
      await boot();

      const subscription = sut.get('users', '/users/:id', '/users/u1').subscribe();
      await delay(50);
      subscription.unsubscribe();
      await delay(50);

      expect(closedEarly).toBe(true);
    });

    it('fails a call to a service the app did not configure', async () => {
      moduleRef = await compileClients({ transport, services: { devices: { baseUrl: server.url } } });

      await expect(firstValueFrom(moduleRef.get(CatalogClient).getProduct('p1'))).rejects.toThrow(
        /catalog service is not configured/,
      );
      expect(moduleRef.get(UpstreamRegistry).list()).toEqual([
        { name: 'devices', baseUrl: server.url, breaker: 'closed' },
      ]);
    });
  });
});
