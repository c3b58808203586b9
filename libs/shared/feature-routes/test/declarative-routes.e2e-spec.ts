import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SignJWT } from 'jose';
import { Registry } from 'prom-client';
import { AuthModule } from '@concierge/shared/feature-auth';
import { ResponseCacheModule } from '@concierge/shared/feature-cache';
import { createGateway } from '@concierge/shared/feature-gateway-core';
import { RateLimitModule } from '@concierge/shared/feature-rate-limit';
import { SCOPES } from '@concierge/shared/util-contracts';
import { DeclarativeRoutesModule, DeclarativeRoutesRegistrar } from '../src';
import { rawRequest, statusOf } from './support/raw-http';
import { startUpstream, writeGenerated, type Seen, type TestUpstream } from './support/upstream';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const MB = 1024 * 1024;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function routesYaml(echo: string, down: string): string {
  return `# routes of the e2e suite
routes:
  - id: item
    methods: [GET]
    path: /api/items/:id
    upstream: { service: echo, rewrite: /items/:id }
    auth: public
  - id: files
    methods: [GET, POST, PUT]
    path: /api/files/*
    upstream: { url: ${echo}/storage, rewrite: /blobs/* }
    auth: public
    bodyLimitBytes: ${300 * MB}
    timeoutMs: 30000
  - id: search
    methods: [GET]
    path: /api/search
    upstream: { service: echo, rewrite: /find }
    auth: public
    transforms:
      request:
        headers: { set: { x-api-version: "2" }, remove: [cookie], rename: { x-client-tag: x-tag } }
        query: { rename: { q: term }, remove: [debug], set: { limit: "20" } }
      response:
        headers: { set: { cache-control: no-store }, remove: [x-end-to-end] }
  - id: order
    methods: [GET]
    path: /api/order
    upstream: { service: echo, rewrite: /order }
    auth: public
    transforms:
      response:
        body: { deny: [customer.internalScore, items.*.cost], rename: { items.*.sku: items.*.code }, wrap: order }
  - { id: hop, methods: [GET], path: /api/hop, upstream: { service: echo, rewrite: /hop }, auth: public }
  - { id: slow, methods: [GET], path: /api/slow, upstream: { service: echo, rewrite: /slow }, auth: public, timeoutMs: 200 }
  - { id: boom, methods: [GET], path: /api/boom, upstream: { service: echo, rewrite: /boom }, auth: public }
  - { id: down, methods: [GET], path: /api/down, upstream: { url: "${down}" }, auth: public }
  - id: mine
    methods: [GET]
    path: /api/mine/:id
    upstream: { service: echo, rewrite: /mine/:id }
    auth: { user: { scopes: [orders:read] } }
    rateLimit: 2/60s
  - { id: cached, methods: [GET], path: /api/cached, upstream: { service: echo, rewrite: /cached }, auth: public, cache: { enabled: true } }
  - { id: download, methods: [GET], path: /api/download/:size, upstream: { service: echo, rewrite: /download/:size }, auth: public, timeoutMs: 30000 }
  - { id: small, methods: [POST], path: /api/small, upstream: { service: echo }, auth: public, bodyLimitBytes: 1024 }
  - { id: missing, methods: [GET], path: /api/missing/:id, upstream: { service: echo, rewrite: /missing/:id }, auth: public }
  - { id: missing-cached, methods: [GET], path: /api/missing-cached/:id, upstream: { service: echo, rewrite: /missing/:id }, auth: public, cache: { enabled: true } }
`;
}

describe('declarative routes (e2e)', () => {
  let upstream: TestUpstream;
  let app: NestFastifyApplication;
  let base: string;
  let port: number;

  beforeAll(async () => {
    upstream = await startUpstream();
    const dir = mkdtempSync(join(tmpdir(), 'routes-e2e-'));
    const routesFile = join(dir, 'routes.yaml');
    writeFileSync(routesFile, routesYaml(upstream.url, `http://127.0.0.1:${await closedPort()}`));

    @Module({
      imports: [
        AuthModule.forRoot({
          realm: 'test',
          jwt: {
            jwksUri: 'http://127.0.0.1:9/jwks',
            issuer: 'test-issuer',
            audience: 'concierge',
            algorithms: ['HS256'],
            hs256Secret: SECRET,
          },
        }),
        RateLimitModule.forRoot({ default: 'off', registry: new Registry() }),
        ResponseCacheModule.forRoot({ store: 'memory', registry: new Registry() }),
        DeclarativeRoutesModule.forRootAsync({
          useFactory: () => ({
            routesFile,
            services: { echo: upstream.url },
            knownScopes: SCOPES,
            defaultTimeoutMs: 2000,
          }),
        }),
      ],
    })
    class TestModule {}

    ({ app } = await createGateway(TestModule, {
      name: 'routes-e2e',
      env: { PORT: '0', LOG_LEVEL: 'silent' },
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
    port = Number(new URL(base).port);
  });

  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });

  async function expectProblem(response: Response, status: number) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:/), title: expect.any(String) });
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
    return body;
  }

  /** A request exactly as written (fetch would resolve dot segments itself). */
  function rawGet(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  describe('pass-through', () => {
    it('rewrites the path with its parameters and keeps the query', async () => {
      const response = await fetch(`${base}/api/items/sku%20one?color=red&size=m`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as Seen).url).toBe('/items/sku%20one?color=red&size=m');
    });

    it('passes the wildcard rest under the upstream URL’s own prefix', async () => {
      const seen = (await (await fetch(`${base}/api/files/a/b/c.txt`)).json()) as Seen;
      expect(seen.url).toBe('/storage/blobs/a/b/c.txt');
    });

    it('lists the routes as OpenAPI path items', () => {
      const paths = app.get(DeclarativeRoutesRegistrar).openApiPaths();
      expect(paths['/api/items/{id}'].get.parameters).toEqual([
        expect.objectContaining({ name: 'id', in: 'path' }),
      ]);
      expect(paths['/api/mine/{id}'].get.security).toEqual([{ bearer: ['orders:read'] }]);
      expect(paths['/api/files/{path}']).toHaveProperty('post');
    });
  });

  describe('transforms', () => {
    it('sets, removes and renames request headers, maps query parameters, and shapes response headers', async () => {
      const response = await fetch(`${base}/api/search?q=shoes&debug=1&page=2`, {
        headers: { cookie: 'session=1', 'x-client-tag': 'blue' },
      });
      const seen = (await response.json()) as Seen;
      expect(seen.url).toBe('/find?term=shoes&page=2&limit=20');
      expect(seen.headers).toMatchObject({ 'x-api-version': '2', 'x-tag': 'blue' });
      expect(seen.headers).not.toHaveProperty('cookie');
      expect(seen.headers).not.toHaveProperty('x-client-tag');
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('reshapes a JSON body: deny-list, rename across a collection, wrap', async () => {
      const response = await fetch(`${base}/api/order`);
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBeNull();
      expect(await response.json()).toEqual({
        order: {
          id: 'o-1',
          customer: { id: 'u-1', email: 'alice@example.com' },
          items: [
            { price: 10, code: 'a' },
            { price: 32, code: 'b' },
          ],
        },
      });
    });
  });

  describe('proxy hygiene', () => {
    it('removes hop-by-hop and Connection-named headers both ways, and sets Via and X-Forwarded-*', async () => {
      const response = await rawGet('/api/hop', {
        connection: 'keep-alive, x-client-hop',
        'keep-alive': 'timeout=5',
        'x-client-hop': 'secret',
        'x-forwarded-for': '6.6.6.6',
        via: '1.1 edge',
      });
      const seen = JSON.parse(response.body);
      expect(seen.headers).not.toHaveProperty('x-client-hop');
      expect(seen.headers).not.toHaveProperty('keep-alive');
      expect(seen.headers).toMatchObject({
        via: '1.1 edge, 1.1 concierge',
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-proto': 'http',
        'x-forwarded-host': new URL(base).host,
        host: new URL(upstream.url).host,
      });
      expect(response.headers['x-upstream-hop']).toBeUndefined();
      expect(response.headers['server']).toBeUndefined();
      expect(String(response.headers['connection'])).not.toContain('x-upstream-hop');
      expect(response.headers['x-end-to-end']).toBe('kept');
      expect(response.headers['via']).toBe('1.1 concierge');
    });

    it('never forwards identity headers a client sent; forwards the request id and trace context', async () => {
      const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      const seen = (await (
        await fetch(`${base}/api/items/1`, {
          headers: {
            'x-user-id': 'admin',
            'x-user-scopes': 'orders:write',
            'x-device-id': 'd-1',
            'x-request-id': 'req-42',
            traceparent,
          },
        })
      ).json()) as Seen;
      expect(Object.keys(seen.headers).filter((h) => /^x-(user|device|client)-/.test(h))).toEqual([]);
      expect(seen.headers).toMatchObject({ 'x-request-id': 'req-42', traceparent });
    });

    it.each([
      '/api/files/../../etc/passwd',
      '/api/files/a/%2e%2e/%2e%2e/etc/passwd',
      '/api/files/a%2f..%2f..%2fetc',
      '/api/files/%252e%252e/%252e%252e/etc',
      '/api/files/..%5c..%5cetc',
      '/api/files/a\\..\\..\\etc',
      '/api/files/a%00.txt',
      '/api/items/%2e%2e',
    ])('refuses the traversal %s with 400 before the upstream', async (path) => {
      const before = upstream.calls;
      const response = await rawGet(path);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.body)).toMatchObject({
        status: 400,
        requestId: response.headers['x-request-id'],
      });
      expect(upstream.calls).toBe(before);
    });

    it.each([
      [
        'Content-Length with Transfer-Encoding',
        'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      ],
      ['two different Content-Lengths', 'Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!'],
      ['two equal Content-Lengths', 'Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello'],
      ['a list as Content-Length', 'Content-Length: 5, 5\r\n\r\nhello'],
      [
        'an obfuscated Transfer-Encoding',
        'Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n0\r\n\r\n',
      ],
    ])('refuses %s with 400 and never reaches the upstream', async (_case, framing) => {
      const before = upstream.calls;
      const answer = await rawRequest(
        port,
        `POST /api/files/x HTTP/1.1\r\nHost: gw\r\nContent-Type: text/plain\r\n${framing}`,
      );
      expect(statusOf(answer)).toBe(400);
      expect(upstream.calls).toBe(before);
    });

    it('refuses, as problem+json, the framing Node lets through (a Transfer-Encoding other than chunked)', async () => {
      const before = upstream.calls;
      const answer = await rawRequest(
        port,
        'POST /api/files/x HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n',
      );
      expect(statusOf(answer)).toBe(400);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      expect(answer).toMatch(/Only a single \\"Transfer-Encoding: chunked\\" is accepted/);
      expect(upstream.calls).toBe(before);
    });

    it("answers an upstream that is too slow with 504, one that is down with 503, and a 5xx with its own status in the gateway's words", async () => {
      await expectProblem(await fetch(`${base}/api/slow`), 504);
      await expectProblem(await fetch(`${base}/api/down`), 503);
      const body = await expectProblem(await fetch(`${base}/api/boom`), 500);
      expect(JSON.stringify(body)).not.toContain('secret');
      expect(body.instance).toBe('/api/boom');
    });

    it.each(['missing', 'missing-cached'])(
      "answers an upstream's own 404 problem with the client's path as instance, never the internal one (%s)",
      async (route) => {
        const response = await fetch(`${base}/api/${route}/x-1`);
        const body = await expectProblem(response, 404);
        expect(body).toMatchObject({
          instance: `/api/${route}/x-1`,
          detail: 'No item x.',
          type: 'https://catalog.internal/problems/no-item',
        });
        expect(response.headers.get('retry-after')).toBe('7');
        expect(JSON.stringify(body)).not.toMatch(/"\/missing\/|upstream-side-id|srv\/catalog/);
      },
    );

    it('refuses a body over the route’s limit with 413, announced or chunked, before the upstream', async () => {
      const before = upstream.calls;
      await expectProblem(await fetch(`${base}/api/small`, { method: 'POST', body: 'x'.repeat(2048) }), 413);
      const chunked = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('x'.repeat(2048)));
          controller.close();
        },
      });
      const response = await fetch(`${base}/api/small`, {
        method: 'POST',
        body: chunked,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(upstream.calls - before).toBeLessThanOrEqual(1);
    });
  });

  describe('auth, rate limit and cache', () => {
    const token = (scope: string, sub = 'alice') =>
      new SignJWT({ scope })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setSubject(sub)
        .setIssuer('test-issuer')
        .setAudience('concierge')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));

    it('answers 401 without a token and 403 without the scope, never calling the upstream', async () => {
      const before = upstream.calls;
      const unauthenticated = await expectProblem(await fetch(`${base}/api/mine/1`), 401);
      expect(unauthenticated.instance).toBe('/api/mine/1');
      const forbidden = await fetch(`${base}/api/mine/1`, {
        headers: { authorization: `Bearer ${await token('catalog:read')}` },
      });
      await expectProblem(forbidden, 403);
      expect(forbidden.headers.get('www-authenticate')).toContain('insufficient_scope');
      expect(upstream.calls).toBe(before);
    });

    it('forwards the verified identity, limits per caller with headers, and answers 429 with Retry-After', async () => {
      const headers = { authorization: `Bearer ${await token('orders:read', 'bob')}`, 'x-user-id': 'admin' };
      const first = await fetch(`${base}/api/mine/7`, { headers });
      expect(first.status).toBe(200);
      // The route's own policy, its own bucket, named after the route.
      expect(first.headers.get('ratelimit-policy')).toBe('"mine";q=2;w=60');
      expect(first.headers.get('ratelimit')).toMatch(/^"mine";r=1;t=\d+$/);
      const seen = (await first.json()) as Seen;
      expect(seen.headers).toMatchObject({ 'x-user-id': 'bob', 'x-user-scopes': 'orders:read' });
      expect((await fetch(`${base}/api/mine/7`, { headers })).status).toBe(200);
      const before = upstream.calls;
      const limited = await fetch(`${base}/api/mine/7`, { headers });
      await expectProblem(limited, 429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(upstream.calls).toBe(before);
    });

    it('serves a cache hit without touching the upstream', async () => {
      const first = await fetch(`${base}/api/cached`);
      expect(await first.json()).toEqual({ served: 1 });
      const before = upstream.calls;
      const second = await fetch(`${base}/api/cached`);
      expect(await second.json()).toEqual({ served: 1 });
      expect(second.headers.get('cache-status')).toMatch(/hit/);
      expect(upstream.calls).toBe(before);
    });
  });

  describe('streaming', () => {
    const SIZE = 200 * MB;

    async function rssGrowthDuring(work: () => Promise<void>): Promise<number> {
      (global as { gc?: () => void }).gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      try {
        await work();
      } finally {
        clearInterval(timer);
      }
      return Math.max(peak, process.memoryUsage().rss) - baseline;
    }

    function download(size: number): Promise<number> {
      return new Promise<number>((resolve, reject) => {
        let received = 0;
        httpRequest({ host: '127.0.0.1', port, path: `/api/download/${size}` }, (res) => {
          expect(res.statusCode).toBe(200);
          res.on('data', (chunk: Buffer) => (received += chunk.length));
          res.on('end', () => resolve(received));
          res.on('error', reject);
        })
          .on('error', reject)
          .end();
      });
    }

    function upload(size: number): Promise<Seen> {
      return new Promise<Seen>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/files/big.bin',
            method: 'PUT',
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
          },
          (res) => {
            let answer = '';
            res.on('data', (chunk) => (answer += chunk));
            res.on('end', () => resolve(JSON.parse(answer) as Seen));
          },
        );
        req.on('error', reject);
        writeGenerated(req, size, () => req.end());
      });
    }

    // A first transfer warms up sockets, JIT and the allocator (about 30 MB whatever the size, measured):
    // what is measured after it is what a body in flight costs, which buffering would make 200 MB.
    it('streams a 200 MB download with memory flat', async () => {
      await download(32 * MB);
      let received = 0;
      const growth = await rssGrowthDuring(async () => {
        received = await download(SIZE);
      });
      expect(received).toBe(SIZE);
      expect(growth).toBeLessThanOrEqual(50 * MB);
    }, 60_000);

    it('streams a 200 MB upload with memory flat', async () => {
      await upload(32 * MB);
      let seen: Seen | undefined;
      const growth = await rssGrowthDuring(async () => {
        seen = await upload(SIZE);
      });
      expect(seen).toMatchObject({ method: 'PUT', url: '/storage/blobs/big.bin', bodyBytes: SIZE });
      expect(growth).toBeLessThanOrEqual(50 * MB);
    }, 60_000);
  });
});

describe('declarative routes start-up', () => {
  it('refuses to start on a bad routes file, naming the file and the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'routes-bad-'));
    const routesFile = join(dir, 'routes.json');
    writeFileSync(
      routesFile,
      JSON.stringify({
        routes: [
          {
            methods: ['GET'],
            path: '/a',
            upstream: { service: 'echo' },
            auth: { user: { scopes: ['orders:wrte'] } },
          },
        ],
      }),
    );
    @Module({
      imports: [
        DeclarativeRoutesModule.forRoot({
          routesFile,
          services: { echo: 'http://127.0.0.1:1' },
          knownScopes: SCOPES,
        }),
      ],
    })
    class BadModule {}
    const { app } = await createGateway(BadModule, {
      name: 'routes-bad',
      env: { PORT: '0', LOG_LEVEL: 'silent' },
    });
    await expect(app.init()).rejects.toThrow(
      `Invalid routes file ${routesFile}:\n  - routes[0].auth.user.scopes[0]: unknown scope "orders:wrte"`,
    );
    await app.close().catch(() => undefined);
  });
});
