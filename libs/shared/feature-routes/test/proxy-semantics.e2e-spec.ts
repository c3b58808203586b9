import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Registry } from 'prom-client';
import { ResponseCacheModule } from '@concierge/shared/feature-cache';
import { createGateway } from '@concierge/shared/feature-gateway-core';
import { SCOPES } from '@concierge/shared/util-contracts';
import { DeclarativeRoutesModule } from '../src';
import { rawRequest, statusOf } from './support/raw-http';

/** What the origin saw of each request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

describe('declared routes as a proxy (upstream status, methods, credentials)', () => {
  let origin: Server;
  const seen: Seen[] = [];
  let app: NestFastifyApplication;
  let base: string;
  let port: number;

  beforeAll(async () => {
    origin = createServer((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/maintenance') {
        return void res
          .writeHead(503, { 'retry-after': '120', 'content-type': 'text/plain' })
          .end('maintenance: db-7 is being rebuilt');
      }
      if (path === '/odd')
        return void res.writeHead(599, { 'content-type': 'text/plain' }).end('internal oddity');
      if (path === '/doc' && req.method === 'GET') {
        return void res
          .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' })
          .end(`{"version":${seen.length}}`);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    const echo = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    const route = (id: string, path: string, rewrite: string, extra: Record<string, unknown> = {}) => ({
      id,
      methods: ['GET'],
      path,
      upstream: { service: 'echo', rewrite },
      auth: 'public',
      ...extra,
    });
    const routes = {
      routes: [
        route('maintenance', '/api/maintenance', '/maintenance'),
        route('maintenance-pass', '/api/maintenance-pass', '/maintenance', { upstreamErrors: 'pass' }),
        route('odd', '/api/odd', '/odd'),
        route('headers', '/api/headers', '/headers'),
        {
          ...route('relaying', '/api/relaying', '/headers'),
          upstream: { service: 'echo', rewrite: '/headers', relayToken: true },
        },
        route('doc', '/api/doc', '/doc', { methods: ['GET', 'PURGE', 'PROPFIND'], cache: { enabled: true } }),
      ],
    };
    @Module({
      imports: [
        ResponseCacheModule.forRoot({ store: 'memory', registry: new Registry() }),
        DeclarativeRoutesModule.forRoot({ routes, services: { echo }, knownScopes: SCOPES }),
      ],
    })
    class TestModule {}
    ({ app } = await createGateway(TestModule, {
      name: 'proxy',
      env: { PORT: '0', LOG_LEVEL: 'silent', ACCESS_LOG: 'false' },
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
    port = Number(new URL(base).port);
  });
  afterAll(async () => {
    await app?.close();
    origin?.closeAllConnections();
    await new Promise((resolve) => origin?.close(resolve));
  });

  it("an upstream 503 for maintenance stays a 503 with its Retry-After, in the gateway's words, asked once", async () => {
    const before = seen.length;
    const response = await fetch(`${base}/api/maintenance`);
    const body = await response.text();
    expect(seen.length - before).toBe(1);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('120');
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(body)).toMatchObject({ status: 503, instance: '/api/maintenance' });
    expect(body).not.toContain('db-7');
  });

  it('an unknown status (599) reaches the client as 599, its words hidden', async () => {
    const response = await fetch(`${base}/api/odd`);
    const body = await response.text();
    expect(response.status).toBe(599);
    expect(JSON.parse(body)).toMatchObject({ status: 599 });
    expect(body).not.toContain('oddity');
  });

  it('upstreamErrors: pass hands the upstream error body on as it is', async () => {
    const response = await fetch(`${base}/api/maintenance-pass`);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('maintenance: db-7 is being rebuilt');
  });

  it('never relays device keys (in any header) or cookies; the bearer token only where the route says so', async () => {
    const credentials = {
      authorization: 'ApiKey dk_demo0001.secret',
      'x-device-key': 'dk_demo0001.secret',
      cookie: 'sid=s3cret',
    };
    await (await fetch(`${base}/api/headers`, { headers: credentials })).arrayBuffer();
    const publicRoute = seen[seen.length - 1].headers;
    await (await fetch(`${base}/api/headers`, { headers: { authorization: 'Bearer a.b.c' } })).arrayBuffer();
    const bearerOnPublic = seen[seen.length - 1].headers;
    await (
      await fetch(`${base}/api/relaying`, {
        headers: { authorization: 'Bearer a.b.c', cookie: 'sid=s3cret' },
      })
    ).arrayBuffer();
    const relaying = seen[seen.length - 1].headers;

    expect(publicRoute).not.toHaveProperty('authorization');
    expect(publicRoute).not.toHaveProperty('x-device-key');
    expect(publicRoute).not.toHaveProperty('cookie');
    expect(bearerOnPublic).not.toHaveProperty('authorization');
    expect(relaying['authorization']).toBe('Bearer a.b.c');
    expect(relaying).not.toHaveProperty('cookie');
  });

  it('proxies extension methods (PROPFIND) and a successful PURGE makes the stored answer stale', async () => {
    const propfind = await rawRequest(
      port,
      `PROPFIND /api/doc HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(propfind)).toBe(200);
    expect(seen[seen.length - 1].method).toBe('PROPFIND');

    const first = await (await fetch(`${base}/api/doc`)).json();
    expect(await (await fetch(`${base}/api/doc`)).json()).toEqual(first);
    const purge = await rawRequest(
      port,
      `PURGE /api/doc HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(purge)).toBe(200);
    expect(seen[seen.length - 1].method).toBe('PURGE');
    const after = await (await fetch(`${base}/api/doc`)).json();
    expect(after).not.toEqual(first);
  });
});
