import type { Origin } from '@concierge/shared/util-testing';
import { startCachedOrigin } from './support/cache-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('response cache in front of a real origin (e2e)', () => {
  let origin: Origin;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => ({ origin, url: base, close } = await startCachedOrigin()));
  afterAll(() => close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
  const cacheStatus = (response: Response) => response.headers.get('cache-status');

  it('serves a fresh response from the cache with Age, and goes upstream again once it expired', async () => {
    origin.route('/fresh', (_request, calls) => ({
      headers: { 'cache-control': 'max-age=2' },
      body: `fresh ${calls}`,
    }));

    const first = await get('/proxy/fresh');
    expect(await first.text()).toBe('fresh 1');
    expect(cacheStatus(first)).toBe('concierge; fwd=uri-miss; fwd-status=200; ttl=2; stored');

    await sleep(1100);
    const hit = await get('/proxy/fresh');
    expect(await hit.text()).toBe('fresh 1');
    expect(hit.headers.get('age')).toBe('1');
    expect(cacheStatus(hit)).toBe('concierge; hit; ttl=1');
    expect(origin.calls('/fresh')).toBe(1);

    await sleep(1000);
    const expired = await get('/proxy/fresh');
    expect(await expired.text()).toBe('fresh 2');
    expect(cacheStatus(expired)).toMatch(/^concierge; fwd=uri-miss; fwd-status=200; ttl=2; stored$/);
  });

  it('uses heuristic freshness from Last-Modified, then revalidates with If-Modified-Since', async () => {
    const lastModified = new Date(Date.now() - 15_000).toUTCString();
    origin.route('/heuristic', (request) =>
      request.headers['if-modified-since'] === lastModified
        ? { status: 304, headers: { 'last-modified': lastModified } }
        : { headers: { 'last-modified': lastModified }, body: 'heuristic' },
    );

    await (await get('/proxy/heuristic')).text();
    const hit = await get('/proxy/heuristic');
    // 10% of 15 s (16 s if the origin's Date ticked over a second boundary meanwhile).
    expect(cacheStatus(hit)).toMatch(/^concierge; hit; ttl=[12]$/);
    expect(origin.calls('/heuristic')).toBe(1);

    await sleep(1800);
    const revalidated = await get('/proxy/heuristic');
    expect(revalidated.status).toBe(200);
    expect(await revalidated.text()).toBe('heuristic');
    expect(cacheStatus(revalidated)).toMatch(/^concierge; fwd=stale; fwd-status=304; ttl=\d+; stored$/);
    expect(origin.last('/heuristic')?.headers['if-modified-since']).toBe(lastModified);
  });

  it('keeps a variant per Vary value', async () => {
    origin.route('/vary', (request) => ({
      headers: { 'cache-control': 'max-age=60', vary: 'Accept-Language' },
      body: request.headers['accept-language'] === 'fr' ? 'bonjour' : 'hello',
    }));
    const en = { 'accept-language': 'en' };
    const fr = { 'accept-language': 'fr' };
    expect(await (await get('/proxy/vary', en)).text()).toBe('hello');
    const frMiss = await get('/proxy/vary', fr);
    expect(await frMiss.text()).toBe('bonjour');
    expect(cacheStatus(frMiss)).toBe('concierge; fwd=vary-miss; fwd-status=200; ttl=60; stored');

    const [enHit, frHit] = await Promise.all([get('/proxy/vary', en), get('/proxy/vary', fr)]);
    expect([await enHit.text(), await frHit.text()]).toEqual(['hello', 'bonjour']);
    expect([cacheStatus(enHit), cacheStatus(frHit)]).toEqual([
      'concierge; hit; ttl=60',
      'concierge; hit; ttl=60',
    ]);
    expect(origin.calls('/vary')).toBe(2);
  });

  it.each([
    ['/no-store', 'no-store', 'no-store'],
    ['/private', 'private, max-age=60', 'private'],
  ])('never stores %s responses', async (path, cacheControl, detail) => {
    origin.route(path, (_request, calls) => ({
      headers: { 'cache-control': cacheControl },
      body: `call ${calls}`,
    }));
    const first = await get(`/proxy${path}`);
    const second = await get(`/proxy${path}`);
    expect([await first.text(), await second.text()]).toEqual(['call 1', 'call 2']);
    expect(cacheStatus(second)).toBe(`concierge; fwd=uri-miss; fwd-status=200; detail=${detail}`);
  });

  it('revalidates a must-revalidate response once stale, and a 304 updates the stored headers', async () => {
    origin.route('/must', (request, calls) =>
      request.headers['if-none-match'] === '"v1"'
        ? {
            status: 304,
            headers: {
              etag: '"v1"',
              'cache-control': 'max-age=30, must-revalidate',
              'x-version': String(calls),
            },
          }
        : {
            headers: {
              etag: '"v1"',
              'cache-control': 'max-age=1, must-revalidate',
              'x-version': String(calls),
            },
            body: 'must',
          },
    );
    const first = await get('/proxy/must');
    expect(first.headers.get('x-version')).toBe('1');
    expect(cacheStatus(await get('/proxy/must'))).toMatch(/^concierge; hit; ttl=\d$/);

    await sleep(1100);
    const revalidated = await get('/proxy/must');
    expect(revalidated.status).toBe(200);
    expect(await revalidated.text()).toBe('must');
    expect(revalidated.headers.get('x-version')).toBe('2');
    expect(revalidated.headers.get('cache-control')).toBe('max-age=30, must-revalidate');
    expect(cacheStatus(revalidated)).toBe('concierge; fwd=stale; fwd-status=304; ttl=30; stored');

    const hit = await get('/proxy/must');
    expect(hit.headers.get('x-version')).toBe('2');
    expect(cacheStatus(hit)).toMatch(/^concierge; hit; ttl=(29|30)$/);
    expect(origin.calls('/must')).toBe(2);
  });

  it('revalidates a no-cache response on every request, serving the stored body on 304', async () => {
    origin.route('/no-cache', (request) =>
      request.headers['if-none-match'] === '"nc"'
        ? { status: 304, headers: { etag: '"nc"', 'cache-control': 'no-cache' } }
        : { headers: { etag: '"nc"', 'cache-control': 'no-cache' }, body: 'validated' },
    );
    await (await get('/proxy/no-cache')).text();
    for (let i = 0; i < 2; i += 1) {
      const response = await get('/proxy/no-cache');
      expect(await response.text()).toBe('validated');
      expect(cacheStatus(response)).toBe('concierge; fwd=stale; fwd-status=304; ttl=0; stored');
    }
    expect(origin.calls('/no-cache')).toBe(3);
  });

  it('does not store responses to requests with Authorization unless they say public or s-maxage', async () => {
    const token = { authorization: 'Bearer secret' };
    origin.route('/auth-default', (_request, calls) => ({
      headers: { 'cache-control': 'max-age=60' },
      body: `personal ${calls}`,
    }));
    origin.route('/auth-public', (_request, calls) => ({
      headers: { 'cache-control': 'public, max-age=60' },
      body: `public ${calls}`,
    }));
    origin.route('/auth-shared', (_request, calls) => ({
      headers: { 'cache-control': 's-maxage=60' },
      body: `shared ${calls}`,
    }));

    await get('/proxy/auth-default', token);
    const again = await get('/proxy/auth-default', token);
    expect(await again.text()).toBe('personal 2');
    expect(cacheStatus(again)).toBe('concierge; fwd=uri-miss; fwd-status=200; detail=authorization');

    for (const path of ['/auth-public', '/auth-shared']) {
      await get(`/proxy${path}`, token);
      const hit = await get(`/proxy${path}`, token);
      expect(cacheStatus(hit)).toBe('concierge; hit; ttl=60');
      expect(origin.calls(path)).toBe(1);
    }
  });

  it('invalidates a URL when a POST to it succeeds', async () => {
    origin.route('/basket', (request, calls) =>
      request.method === 'POST'
        ? { status: 201, body: 'added' }
        : { headers: { 'cache-control': 'max-age=60' }, body: `basket ${calls}` },
    );
    await get('/proxy/basket');
    expect(cacheStatus(await get('/proxy/basket'))).toBe('concierge; hit; ttl=60');

    const post = await fetch(`${base}/proxy/basket`, { method: 'POST' });
    expect(post.status).toBe(201);
    expect(cacheStatus(post)).toBe('concierge; fwd=method; fwd-status=201');

    const after = await get('/proxy/basket');
    expect(await after.text()).toBe('basket 2');
    expect(cacheStatus(after)).toBe('concierge; fwd=uri-miss; fwd-status=200; ttl=60; stored');
  });

  it('neither stores nor looks up a request whose key is longer than the bound', async () => {
    origin.route('/long*', (_request, calls) => ({
      headers: { 'cache-control': 'max-age=60' },
      body: `long ${calls}`,
    }));
    const path = `/proxy/long?pad=${'p'.repeat(4070)}`;
    const first = await get(path);
    const second = await get(path);
    expect([await first.text(), await second.text()]).toEqual(['long 1', 'long 2']);
    expect(cacheStatus(second)).toBe('concierge; fwd=bypass; fwd-status=200; detail=key-too-long');
  });

  it('makes one upstream call for 100 concurrent misses', async () => {
    origin.route('/herd', () => ({ headers: { 'cache-control': 'max-age=60' }, body: 'herd', delayMs: 300 }));
    const responses = await Promise.all(Array.from({ length: 100 }, () => get('/proxy/herd')));
    expect(origin.calls('/herd')).toBe(1);
    const statuses = await Promise.all(
      responses.map(async (response) => ({ body: await response.text(), status: cacheStatus(response) })),
    );
    expect(new Set(statuses.map((s) => s.body))).toEqual(new Set(['herd']));
    expect(statuses.filter((s) => s.status?.endsWith('stored'))).toHaveLength(1);
    expect(statuses.every((s) => /stored$|collapsed$|; hit; /.test(s.status ?? ''))).toBe(true);
  });

  it('does not share an uncacheable response among concurrent requests', async () => {
    origin.route('/herd-private', (_request, calls) => ({
      headers: { 'cache-control': 'private' },
      body: `own ${calls}`,
      delayMs: 100,
    }));
    const bodies = await Promise.all(
      Array.from({ length: 5 }, async () => (await get('/proxy/herd-private')).text()),
    );
    expect(new Set(bodies).size).toBe(5);
    expect(origin.calls('/herd-private')).toBe(5);
  });

  it("never serves alice's per-principal answer to bob or to an anonymous caller", async () => {
    origin.route('/mine/profile', (_request, calls) => ({
      headers: { 'cache-control': 'private, max-age=30', 'content-type': 'application/json' },
      body: `{"call":${calls}}`,
    }));
    const mine = (user?: string) => get('/proxy/mine/profile', user ? { 'x-test-user': user } : {});

    const alice = await mine('alice');
    expect(await alice.json()).toEqual({ call: 1 });
    expect(cacheStatus(alice)).toBe('concierge; fwd=uri-miss; fwd-status=200; ttl=30; stored');
    const aliceAgain = await mine('alice');
    expect(await aliceAgain.json()).toEqual({ call: 1 });
    expect(cacheStatus(aliceAgain)).toBe('concierge; hit; ttl=30');

    const bob = await mine('bob');
    expect(await bob.json()).toEqual({ call: 2 });
    expect(cacheStatus(bob)).toBe('concierge; fwd=uri-miss; fwd-status=200; ttl=30; stored');

    const anonymous = await mine();
    expect(await anonymous.json()).toEqual({ call: 3 });
    expect(cacheStatus(anonymous)).toBe('concierge; fwd=bypass; fwd-status=200; detail=anonymous');
  });
});
