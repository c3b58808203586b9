import { startOrigin, type Origin } from '@concierge/shared/util-testing';
import { getWith, startStackGateway, type StackGateway } from './support/stack-gateway';

/** A public catch-all route to a plain origin, cached: the shape the poisoning attacks need. */
const routes = (origin: string) => `routes:
  - { id: pages, methods: [GET, HEAD], path: /pages/*, upstream: { url: "${origin}", rewrite: /pages/* }, auth: public, cache: { enabled: true } }
`;

/** The origin builds an absolute link from the forwarded host, as frameworks do; it says nothing of Vary. */
function linkBuilder(origin: Origin, path: string): void {
  origin.route(path, (request, calls) => ({
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=60' },
    body: JSON.stringify({ self: `https://${String(request.headers['x-forwarded-host'])}${path}`, calls }),
  }));
}

describe('cache poisoning through Host (e2e)', () => {
  let origin: Origin;

  beforeAll(async () => {
    origin = await startOrigin();
  });
  afterAll(() => origin.close());

  describe('without PUBLIC_HOSTS', () => {
    let gateway: StackGateway;
    beforeAll(async () => {
      gateway = await startStackGateway(routes(origin.url));
    });
    afterAll(() => gateway.close());

    it('never serves an answer built for Host: evil.example to a client of the real host', async () => {
      linkBuilder(origin, '/pages/any-host');
      const poisoned = await getWith(gateway.port, '/pages/any-host', { host: 'evil.example' });
      expect(JSON.parse(poisoned.body).self).toBe('https://evil.example/pages/any-host');

      const normal = await getWith(gateway.port, '/pages/any-host', { host: 'shop.example' });
      expect(normal.status).toBe(200);
      expect(JSON.parse(normal.body).self).toBe('https://shop.example/pages/any-host');
      expect(normal.headers['cache-status']).toBe('stack-test; fwd=uri-miss; fwd-status=200; ttl=60; stored');

      const hit = await getWith(gateway.port, '/pages/any-host', { host: 'SHOP.example' });
      expect(JSON.parse(hit.body).self).toBe('https://shop.example/pages/any-host');
      expect(hit.headers['cache-status']).toBe('stack-test; hit; ttl=60');
      expect(origin.calls('/pages/any-host')).toBe(2);
    });

    it('answers a malformed Host with 400 problem+json, before any upstream call', async () => {
      linkBuilder(origin, '/pages/bad-host');
      const answer = await getWith(gateway.port, '/pages/bad-host', { host: 'evil.example/../x' });
      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.body)).toMatchObject({
        status: 400,
        type: expect.stringContaining('bad-host'),
      });
      expect(origin.calls('/pages/bad-host')).toBe(0);
    });
  });

  describe('with PUBLIC_HOSTS', () => {
    let gateway: StackGateway;
    beforeAll(async () => {
      gateway = await startStackGateway(routes(origin.url), {
        PUBLIC_HOSTS: 'shop.example, api.shop.example:8443',
      });
    });
    afterAll(() => gateway.close());

    it('refuses a Host it does not serve with 421 problem+json, the request id and no upstream call', async () => {
      linkBuilder(origin, '/pages/allow-list');
      const refused = await getWith(gateway.port, '/pages/allow-list', {
        host: 'evil.example',
        'x-request-id': 'evil-1',
      });
      expect(refused.status).toBe(421);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = JSON.parse(refused.body);
      expect(body).toMatchObject({ status: 421, title: 'Misdirected Request', requestId: 'evil-1' });
      expect(refused.body).not.toContain('evil.example');
      expect(origin.calls('/pages/allow-list')).toBe(0);

      // The port is part of a host: api.shop.example on another port is not the one listed.
      expect((await getWith(gateway.port, '/pages/allow-list', { host: 'api.shop.example' })).status).toBe(
        421,
      );
    });

    it('forwards only a listed Host as X-Forwarded-Host, whatever its case', async () => {
      linkBuilder(origin, '/pages/listed');
      const answer = await getWith(gateway.port, '/pages/listed', { host: 'Shop.Example' });
      expect(answer.status).toBe(200);
      expect(origin.last('/pages/listed')?.headers['x-forwarded-host']).toBe('Shop.Example');
      const other = await getWith(gateway.port, '/pages/listed', { host: 'api.shop.example:8443' });
      expect(JSON.parse(other.body).self).toBe('https://api.shop.example:8443/pages/listed');
    });
  });
});

describe('per-exchange headers and the cache (e2e)', () => {
  let origin: Origin;
  let gateway: StackGateway;

  beforeAll(async () => {
    origin = await startOrigin();
    gateway = await startStackGateway(routes(origin.url), {
      CORS_ORIGINS: 'https://app.example',
      HSTS_MAX_AGE_SEC: '600',
    });
  });
  afterAll(async () => {
    await gateway.close();
    await origin.close();
  });

  it("gives a hit the request's own id and the gateway's own headers, never the filler's", async () => {
    origin.route('/pages/exchange', (request) => ({
      headers: {
        'content-type': 'text/plain',
        'cache-control': 'public, max-age=60',
        // What an upstream says about the exchange that filled the entry.
        'x-request-id': String(request.headers['x-request-id']),
        traceparent: String(request.headers['traceparent']),
        ratelimit: '"upstream";r=0;t=60',
        'ratelimit-policy': '"upstream";q=1;w=60',
        'cache-status': 'origin-cache; fwd=uri-miss',
        'access-control-allow-origin': 'https://evil.example',
        'access-control-allow-credentials': 'true',
        'content-security-policy': "script-src 'unsafe-inline'",
        'strict-transport-security': 'max-age=0',
        'x-frame-options': 'ALLOWALL',
        'x-kept': 'representation',
      },
      body: 'shared page',
    }));
    const filler = await getWith(gateway.port, '/pages/exchange', {
      'x-request-id': 'filler-id',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(filler.headers['x-request-id']).toBe('filler-id');

    const hit = await getWith(gateway.port, '/pages/exchange', {
      'x-request-id': 'second-id',
      origin: 'https://app.example',
    });
    expect(hit.body).toBe('shared page');
    expect(hit.headers['cache-status']).toBe('stack-test; hit; ttl=60');
    expect(hit.headers['x-request-id']).toBe('second-id');
    expect(hit.headers['traceparent']).toBeUndefined();
    expect(hit.headers['ratelimit']).toBeUndefined();
    expect(hit.headers['ratelimit-policy']).toBeUndefined();
    expect(hit.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(hit.headers['access-control-allow-credentials']).toBeUndefined();
    expect(hit.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(hit.headers['strict-transport-security']).toBe('max-age=600; includeSubDomains');
    expect(hit.headers['x-frame-options']).toBe('DENY');
    expect(hit.headers['x-kept']).toBe('representation');
    expect(origin.calls('/pages/exchange')).toBe(1);
  });

  it('gives every follower of a collapsed miss its own request id', async () => {
    origin.route('/pages/herd', (request) => ({
      headers: {
        'cache-control': 'public, max-age=60',
        'x-request-id': String(request.headers['x-request-id']),
      },
      body: 'herd',
      delayMs: 200,
    }));
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        getWith(gateway.port, '/pages/herd', { 'x-request-id': `herd-${i}` }),
      ),
    );
    expect(origin.calls('/pages/herd')).toBe(1);
    expect(answers.map((answer) => answer.headers['x-request-id'])).toEqual(
      answers.map((_, i) => `herd-${i}`),
    );
  });
});
