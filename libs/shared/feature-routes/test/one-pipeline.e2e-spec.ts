import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { Controller, Get, Module, Param, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ServiceClientsModule,
  UpstreamClient,
  pathSegment,
} from '@concierge/shared/data-access-service-clients';
import { createGateway } from '@concierge/shared/feature-gateway-core';
import { eventually } from '@concierge/shared/util-testing';
import { SCOPES } from '@concierge/shared/util-contracts';
import { DeclarativeRoutesModule } from '../src';
import type { RouteAuthenticate } from '../src/lib/declarative-routes.options';

/**
 * A controller calling a service through the service clients, and a declared route to the same service,
 * meet the same upstream failures: the client gets the same problem document from both, byte for byte
 * (the same classifier, the same words, the same rendering), and one breaker counts the failures of both.
 */

/** An origin that fails in every way a service can, by path. */
async function startFailingOrigin(): Promise<{
  url: string;
  calls: () => number;
  connections: () => number;
  /** Requests the service has received and not yet seen closed (answered, or given up by the caller). */
  open: () => number;
  close(): Promise<void>;
}> {
  let calls = 0;
  let connections = 0;
  let open = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    calls++;
    open++;
    res.on('close', () => open--);
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/reset') return req.socket.destroy();
    if (path === '/slow') return; // never answers: the gateway's deadline decides
    if (path === '/late') {
      // Answers well within the deadline, but after a hasty client has hung up.
      const timer = setTimeout(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
        100,
      );
      return void res.on('close', () => clearTimeout(timer));
    }
    if (path === '/boom')
      return void res.writeHead(500, { 'content-type': 'text/plain' }).end('stack trace with secrets');
    if (path === '/missing') {
      const doc = {
        type: 'https://catalog.example/problems/no-such-thing',
        title: 'Not Found',
        status: 404,
        detail: 'No thing x.',
        instance: '/internal/things/x',
        requestId: 'upstream-id',
      };
      return void res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify(doc));
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls: () => calls,
    connections: () => connections,
    open: () => open,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends a GET on its own connection and hangs up before any answer can come, as an impatient client does. */
function hangUpOn(url: string): Promise<void> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${pathname} HTTP/1.1\r\nhost: ${hostname}\r\n\r\n`);
      setTimeout(() => (socket.destroy(), resolve()), 20);
    }).on('error', reject);
  });
}

async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

@Controller('api')
class PassThroughController {
  constructor(private readonly upstream: UpstreamClient) {}

  @Get(':service/:path')
  call(@Param('service') service: string, @Param('path') path: string) {
    return this.upstream.get(service, `/${path}`, `/${pathSegment(path)}`);
  }
}

@Controller('c')
class OtherPathController extends PassThroughController {}

const routes = (prefix: string, authenticated = false) => ({
  routes: ['catalog', 'gone'].map((service) => ({
    id: `${prefix.slice(1)}-${service}`,
    methods: ['GET'],
    path: `${prefix}/${service}/:path`,
    upstream: { service, rewrite: '/:path' },
    auth: authenticated ? { user: { scopes: ['catalog:read'] } } : 'public',
  })),
});

/** A route authenticator that takes its time, as a first JWT check or a Redis round trip does. */
const slowAuthenticate: RouteAuthenticate = async () => {
  await new Promise((resolve) => setTimeout(resolve, 80));
  return { subject: 'user:u-1' };
};

/** A gateway with the controller, the declared routes, or both (on other paths), over one set of upstreams. */
async function startGateway(
  urls: Record<string, string>,
  parts: {
    controllers: Array<typeof PassThroughController>;
    routesPrefix?: string;
    authenticate?: RouteAuthenticate;
    /** The declared routes' deadline (400 ms unless a test needs a call to outlive it). */
    timeoutMs?: number;
  },
): Promise<{ app: NestFastifyApplication; base: string }> {
  const imports: DynamicModule[] = [
    ServiceClientsModule.forRoot({
      services: Object.fromEntries(Object.entries(urls).map(([name, baseUrl]) => [name, { baseUrl }])),
      // One attempt per call, so both kinds of route make exactly one call per request.
      defaults: {
        timeoutMs: 400,
        retry: { maxAttempts: 1 },
        breaker: { consecutiveFailures: 4, halfOpenAfterMs: 60_000 },
      },
    }),
  ];
  if (parts.routesPrefix) {
    imports.push(
      DeclarativeRoutesModule.forRoot({
        routes: routes(parts.routesPrefix, parts.authenticate !== undefined),
        authenticate: parts.authenticate,
        services: urls,
        knownScopes: SCOPES,
        defaultTimeoutMs: parts.timeoutMs ?? 400,
      }),
    );
  }
  @Module({ imports, controllers: parts.controllers })
  class TestModule {}
  const { app } = await createGateway(TestModule, {
    name: 'one-pipeline',
    env: { PORT: '0', LOG_LEVEL: 'silent', ACCESS_LOG: 'false' },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: await app.getUrl() };
}

interface Answer {
  status: number;
  type: string | null;
  retryAfter: string | null;
  body: string;
}

async function get(url: string, requestId: string): Promise<Answer> {
  const response = await fetch(url, { headers: { 'x-request-id': requestId } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  };
}

describe('one pipeline for controllers and declared routes', () => {
  let origin: Awaited<ReturnType<typeof startFailingOrigin>>;
  let urls: Record<string, string>;

  beforeAll(async () => {
    origin = await startFailingOrigin();
    urls = { catalog: origin.url, gone: await refusedUrl() };
  });
  afterAll(() => origin?.close());

  describe('the same failure, the same problem document', () => {
    let controllers: Awaited<ReturnType<typeof startGateway>>;
    let routed: Awaited<ReturnType<typeof startGateway>>;

    beforeAll(async () => {
      controllers = await startGateway(urls, { controllers: [PassThroughController] });
      routed = await startGateway(urls, { controllers: [], routesPrefix: '/api' });
    });
    afterAll(async () => {
      await controllers?.app.close();
      await routed?.app.close();
    });

    it.each([
      ['refused', '/api/gone/x', 503],
      ['reset', '/api/catalog/reset', 503],
      ['timeout', '/api/catalog/slow', 504],
      ['4xx problem', '/api/catalog/missing', 404],
    ])(
      '%s: byte-identical problem+json from the controller and the declared route',
      async (_failure, path, status) => {
        const fromController = await get(`${controllers.base}${path}`, 'parity-1');
        const fromRoute = await get(`${routed.base}${path}`, 'parity-1');

        expect(fromController.status).toBe(status);
        expect(fromController.type).toMatch(/^application\/problem\+json/);
        expect(fromRoute).toEqual(fromController);
        expect(fromRoute.body).not.toContain('/internal/');
        expect(fromRoute.body).not.toContain('upstream-id');
      },
    );

    it("5xx: the same words; the declared route keeps the upstream's status, the controller says 502", async () => {
      const fromController = await get(`${controllers.base}/api/catalog/boom`, 'parity-2');
      const fromRoute = await get(`${routed.base}/api/catalog/boom`, 'parity-2');

      expect(fromController.status).toBe(502);
      expect(fromRoute.status).toBe(500);
      expect(fromRoute.type).toMatch(/^application\/problem\+json/);
      expect(fromRoute.body).not.toContain('secrets');
      expect(JSON.parse(fromRoute.body)).toMatchObject({
        status: 500,
        instance: '/api/catalog/boom',
        requestId: 'parity-2',
      });
    });
  });

  describe('one breaker per upstream', () => {
    let both: Awaited<ReturnType<typeof startGateway>>;

    beforeAll(async () => {
      both = await startGateway(urls, { controllers: [OtherPathController], routesPrefix: '/r' });
    });
    afterAll(() => both?.app.close());

    it('counts failures from controllers and declared routes alike; once open, both answer 503 + Retry-After and nothing is sent', async () => {
      // Four consecutive failures open the breaker: two through each kind of route.
      expect((await get(`${both.base}/c/catalog/boom`, 'b-1')).status).toBe(502);
      expect((await get(`${both.base}/r/catalog/boom`, 'b-2')).status).toBe(500);
      expect((await get(`${both.base}/c/catalog/boom`, 'b-3')).status).toBe(502);
      expect((await get(`${both.base}/r/catalog/boom`, 'b-4')).status).toBe(500);
      const before = origin.calls();

      const fromRoute = await get(`${both.base}/r/catalog/ok`, 'b-5');
      const fromController = await get(`${both.base}/c/catalog/ok`, 'b-5');

      expect(origin.calls()).toBe(before);
      expect(fromRoute.status).toBe(503);
      expect(Number(fromRoute.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(fromRoute.body)).toMatchObject({
        type: expect.stringMatching(/upstream-circuit-open$/),
      });
      expect(fromController.status).toBe(503);
      // The same document but for the path each was asked on.
      expect(fromRoute.body).toBe(fromController.body.replace('/c/catalog/ok', '/r/catalog/ok'));
    });
  });

  describe('clients that hang up', () => {
    it.each([
      ['a declared route', '/r/catalog'],
      ['a controller', '/c/catalog'],
    ])(
      'clients hanging up on %s before the upstream answers do not open its breaker: the next user is served, not refused with 503',
      async (_kind, prefix) => {
        const service = await startFailingOrigin();
        const gateway = await startGateway(
          { catalog: service.url, gone: urls.gone },
          { controllers: [OtherPathController], routesPrefix: '/r' },
        );
        try {
          // More hang-ups than the four consecutive failures that would open the breaker.
          for (let i = 0; i < 6; i++) await hangUpOn(`${gateway.base}${prefix}/late`);
          // Past the 400 ms deadline of every call given up above: a call still waiting would have failed.
          await new Promise((resolve) => setTimeout(resolve, 600));

          const next = await get(`${gateway.base}${prefix}/ok`, 'hang-up-1');

          expect(service.calls()).toBe(7);
          expect(next.body).not.toContain('upstream-circuit-open');
          expect(next.status).toBe(200);
        } finally {
          await gateway.app.close();
          await service.close();
        }
      },
    );
  });

  it('a client hanging up while its request is still being authenticated costs the upstream nothing: no call is sent for it, and the breaker stays closed', async () => {
    const service = await startFailingOrigin();
    const gateway = await startGateway(
      { catalog: service.url, gone: urls.gone },
      { controllers: [], routesPrefix: '/r', authenticate: slowAuthenticate },
    );
    try {
      for (let i = 0; i < 6; i++) await hangUpOn(`${gateway.base}/r/catalog/late`);
      // Past the authentication (80 ms) and the 400 ms deadline of any call that would have been sent.
      await new Promise((resolve) => setTimeout(resolve, 600));

      const next = await get(`${gateway.base}/r/catalog/ok`, 'hang-up-2');

      expect(next.body).not.toContain('upstream-circuit-open');
      expect(next.status).toBe(200);
      expect(service.calls()).toBe(1);
    } finally {
      await gateway.app.close();
      await service.close();
    }
  });

  it('a client hanging up on a declared route aborts the upstream request at once, so a slow service is not left holding it until the deadline', async () => {
    const service = await startFailingOrigin();
    // A deadline far beyond the test: only the client's leaving can end the upstream request here.
    const gateway = await startGateway(
      { catalog: service.url, gone: urls.gone },
      { controllers: [], routesPrefix: '/r', timeoutMs: 60_000 },
    );
    try {
      const { hostname, port } = new URL(gateway.base);
      const client = connect(Number(port), hostname);
      client.write(`GET /r/catalog/slow HTTP/1.1\r\nhost: ${hostname}\r\n\r\n`);
      await eventually(async () => service.calls() === 1, 5_000, 10);
      expect(service.open()).toBe(1);

      client.destroy();

      await eventually(async () => service.open() === 0, 5_000, 10);
      expect(service.open()).toBe(0);
    } finally {
      await gateway.app.close();
      await service.close();
    }
  });

  describe('one keep-alive pool per upstream', () => {
    it('a controller and a declared route calling one service share its sockets: one connection serves both', async () => {
      const service = await startFailingOrigin();
      const both = await startGateway(
        { catalog: service.url, gone: urls.gone },
        { controllers: [OtherPathController], routesPrefix: '/r' },
      );
      try {
        // One after another, so an idle kept-alive socket is always there to be reused.
        for (const path of ['/c/catalog/ok', '/r/catalog/ok', '/c/catalog/ok', '/r/catalog/ok']) {
          expect((await get(`${both.base}${path}`, 'pool-1')).status).toBe(200);
        }
        expect(service.calls()).toBe(4);
        expect(service.connections()).toBe(1);
      } finally {
        await both.app.close();
        await service.close();
      }
    });
  });
});
