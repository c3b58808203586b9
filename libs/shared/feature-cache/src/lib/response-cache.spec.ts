import type { CacheHttpResponse, CacheRequest } from './cache.types';
import { ResponseCache } from './response-cache';
import type { CacheStore } from './stores/cache-store';
import { MemoryStore } from './stores/memory.store';

const T0 = Date.parse('2025-01-01T00:00:00Z');

function setup(principal?: () => string | undefined) {
  let now = T0;
  const sut = new ResponseCache({
    store: new MemoryStore(),
    clock: () => now,
    heuristicMaxSec: 3600,
    principal: principal ?? (() => undefined),
    logger: { warn: () => undefined },
  });
  return { sut, advance: (seconds: number) => (now += seconds * 1000) };
}

const get = (url = '/items', headers: CacheRequest['headers'] = {}): CacheRequest => ({
  method: 'GET',
  url,
  headers,
});
const ok = (headers: CacheHttpResponse['headers'], body = 'payload', status = 200): CacheHttpResponse => ({
  status,
  headers: { date: new Date(T0).toUTCString(), 'content-type': 'text/plain', ...headers },
  body: Buffer.from(body),
});

describe(ResponseCache.name, () => {
  it('serves a stored response while fresh, with Age and the ttl left, then asks upstream again', async () => {
    const { sut, advance } = setup();
    const stored = await sut.store(get(), ok({ 'cache-control': 'max-age=10' }));
    expect(stored.headers['cache-status']).toBe('concierge; fwd=uri-miss; fwd-status=200; ttl=10; stored');

    advance(4);
    const hit = await sut.lookup(get());
    expect(hit.status).toBe('hit');
    expect(hit.response?.body.toString()).toBe('payload');
    expect(hit.response?.headers['age']).toBe('4');
    expect(hit.response?.headers['cache-status']).toBe('concierge; hit; ttl=6');

    advance(7);
    expect(await sut.lookup(get())).toMatchObject({
      status: 'stale',
      forward: 'stale',
      revalidationHeaders: {},
    });
  });

  it('prefers s-maxage to max-age, and max-age to Expires', async () => {
    const { sut, advance } = setup();
    await sut.store(get('/a'), ok({ 'cache-control': 'max-age=100, s-maxage=5' }));
    await sut.store(
      get('/b'),
      ok({ 'cache-control': 'max-age=5', expires: new Date(T0 + 100_000).toUTCString() }),
    );
    await sut.store(get('/c'), ok({ expires: new Date(T0 + 5_000).toUTCString() }));
    advance(6);
    for (const url of ['/a', '/b', '/c']) expect((await sut.lookup(get(url))).status).toBe('stale');
  });

  it('gives a response with only Last-Modified 10% of its age as heuristic freshness, capped', async () => {
    const { sut, advance } = setup();
    await sut.store(get('/young'), ok({ 'last-modified': new Date(T0 - 100_000).toUTCString() }));
    await sut.store(get('/old'), ok({ 'last-modified': new Date(T0 - 365 * 86_400_000).toUTCString() }));
    advance(9);
    expect((await sut.lookup(get('/young'))).status).toBe('hit');
    advance(2);
    expect((await sut.lookup(get('/young'))).status).toBe('stale');
    advance(3600);
    expect((await sut.lookup(get('/old'))).status).toBe('stale');
  });

  it.each([
    ['no-store', {}, 'no-store'],
    ['private, max-age=60', {}, 'private'],
    ['max-age=60', { authorization: 'Bearer x' }, 'authorization'],
  ])('does not store "%s" (request %j) and says why', async (cacheControl, headers, detail) => {
    const { sut } = setup();
    const response = await sut.store(get('/x', headers), ok({ 'cache-control': cacheControl }));
    expect(response.headers['cache-status']).toBe(
      `concierge; fwd=uri-miss; fwd-status=200; detail=${detail}`,
    );
    expect((await sut.lookup(get('/x', headers))).status).toBe('miss');
  });

  it('stores a response to an authorized request when it says public or s-maxage (RFC 9111 §3.5)', async () => {
    const { sut } = setup();
    const authorized = { authorization: 'Bearer x' };
    await sut.store(get('/p', authorized), ok({ 'cache-control': 'public, max-age=60' }));
    await sut.store(get('/s', authorized), ok({ 'cache-control': 's-maxage=60' }));
    expect((await sut.lookup(get('/p'))).status).toBe('hit');
    expect((await sut.lookup(get('/s', authorized))).status).toBe('hit');
  });

  it('never stores a response that sets a cookie', async () => {
    const { sut } = setup();
    const response = await sut.store(
      get(),
      ok({ 'cache-control': 'public, max-age=60', 'set-cookie': 'sid=1' }),
    );
    expect(response.headers['cache-status']).toContain('detail=set-cookie');
  });

  it('serves a fresh must-revalidate response, and revalidates it once stale; a 304 updates the stored headers', async () => {
    const { sut, advance } = setup();
    await sut.store(
      get(),
      ok({ 'cache-control': 'max-age=5, must-revalidate', etag: '"v1"', 'x-version': '1' }),
    );
    expect((await sut.lookup(get())).status).toBe('hit');

    advance(6);
    const stale = await sut.lookup(get());
    expect(stale).toMatchObject({
      status: 'stale',
      forward: 'stale',
      revalidationHeaders: { 'if-none-match': '"v1"' },
    });

    const served = await sut.revalidated(
      get(),
      ok({ 'cache-control': 'max-age=30', etag: '"v1"', 'x-version': '2' }, '', 304),
      stale,
    );
    expect(served?.status).toBe(200);
    expect(served?.body.toString()).toBe('payload');
    expect(served?.headers['x-version']).toBe('2');
    expect(served?.headers['cache-status']).toBe('concierge; fwd=stale; fwd-status=304; ttl=30; stored');

    advance(20);
    const hit = await sut.lookup(get());
    expect(hit.status).toBe('hit');
    expect(hit.response?.headers['x-version']).toBe('2');
  });

  it('revalidates a no-cache response every time', async () => {
    const { sut } = setup();
    await sut.store(
      get(),
      ok({ 'cache-control': 'no-cache', 'last-modified': new Date(T0 - 1000).toUTCString() }),
    );
    expect(await sut.lookup(get())).toMatchObject({
      status: 'stale',
      revalidationHeaders: { 'if-modified-since': expect.any(String) },
    });
  });

  it('does not use a 304 whose validator selects nothing stored', async () => {
    const { sut } = setup();
    await sut.store(get(), ok({ 'cache-control': 'no-cache', etag: '"v1"' }));
    expect(await sut.revalidated(get(), ok({ etag: '"v2"' }, '', 304))).toBeUndefined();
  });

  it('keeps one entry per Vary variant and never matches Vary: *', async () => {
    const { sut } = setup();
    const en = get('/v', { 'accept-language': 'en' });
    const fr = get('/v', { 'accept-language': 'fr' });
    await sut.store(en, ok({ 'cache-control': 'max-age=60', vary: 'Accept-Language' }, 'hello'));
    expect(await sut.lookup(fr)).toMatchObject({ status: 'miss', forward: 'vary-miss' });
    await sut.store(fr, ok({ 'cache-control': 'max-age=60', vary: 'Accept-Language' }, 'bonjour'));
    expect((await sut.lookup(en)).response?.body.toString()).toBe('hello');
    expect((await sut.lookup(fr)).response?.body.toString()).toBe('bonjour');

    const star = await sut.store(get('/star'), ok({ 'cache-control': 'max-age=60', vary: '*' }));
    expect(star.headers['cache-status']).toContain('detail=vary-star');
  });

  it('keeps per-principal entries to their principal and bypasses anonymous requests', async () => {
    let principal: string | undefined = 'u:alice';
    const { sut } = setup(() => principal);
    const route = { perPrincipal: true, ttlSec: 30 };
    await sut.store(get('/me'), ok({ 'cache-control': 'private' }, 'alice'), route);
    expect((await sut.lookup(get('/me'), route)).response?.body.toString()).toBe('alice');

    principal = 'u:bob';
    expect((await sut.lookup(get('/me'), route)).status).toBe('miss');
    principal = undefined;
    expect(await sut.lookup(get('/me'), route)).toMatchObject({ status: 'bypass', forward: 'bypass' });
    expect((await sut.lookup(get('/me'))).status).toBe('miss');
  });

  it('invalidates the URL, Location and Content-Location after a successful unsafe method, same origin only', async () => {
    const { sut } = setup();
    const host = { host: 'gw.test' };
    for (const url of ['/orders', '/orders/7', '/orders/7/summary', '/elsewhere']) {
      await sut.store(get(url, host), ok({ 'cache-control': 'max-age=60' }));
    }
    const post: CacheRequest = { method: 'POST', url: '/orders', headers: host };
    await sut.invalidateAfter(post, ok({}, '', 500));
    expect((await sut.lookup(get('/orders', host))).status).toBe('hit');

    await sut.invalidateAfter(
      post,
      ok({ location: '/orders/7', 'content-location': 'http://other.test/elsewhere' }, '', 201),
    );
    expect((await sut.lookup(get('/orders', host))).status).toBe('miss');
    expect((await sut.lookup(get('/orders/7', host))).status).toBe('miss');
    expect((await sut.lookup(get('/orders/7/summary', host))).status).toBe('hit');
    expect((await sut.lookup(get('/elsewhere', host))).status).toBe('hit');
  });

  it('keeps no per-exchange header in an entry: a per-principal hit replays neither cookie nor request id', async () => {
    const { sut } = setup(() => 'u:alice');
    await sut.store(
      get('/me'),
      ok({
        'cache-control': 'private, max-age=60',
        'set-cookie': 'session=alice',
        'x-request-id': 'first',
        ratelimit: '"default";r=1;t=9',
        'x-kept': 'yes',
      }),
      { perPrincipal: true },
    );
    const hit = await sut.lookup(get('/me'), { perPrincipal: true });
    expect(hit.status).toBe('hit');
    expect(hit.response?.headers).toMatchObject({ 'x-kept': 'yes' });
    for (const name of ['set-cookie', 'x-request-id', 'ratelimit'])
      expect(hit.response?.headers).not.toHaveProperty(name);
  });

  it('keys entries by Host, so an answer for one host is never served on another', async () => {
    const { sut } = setup();
    await sut.store(get('/page', { host: 'evil.example' }), ok({ 'cache-control': 'max-age=60' }));
    expect((await sut.lookup(get('/page', { host: 'shop.example' }))).status).toBe('miss');
    expect((await sut.lookup(get('/page', { host: 'EVIL.example' }))).status).toBe('hit');
  });

  it('turns store errors into misses', async () => {
    const failing: CacheStore = {
      get: () => Promise.reject(new Error('down')),
      set: () => Promise.reject(new Error('down')),
      delete: () => Promise.reject(new Error('down')),
      close: () => Promise.resolve(),
    };
    const warnings: string[] = [];
    const sut = new ResponseCache({ store: failing, logger: { warn: (message) => warnings.push(message) } });
    expect(await sut.lookup(get())).toMatchObject({ status: 'miss', detail: 'store-error' });
    const stored = await sut.store(get(), ok({ 'cache-control': 'max-age=60' }));
    expect(stored.headers['cache-status']).toContain('detail=store-error');
    expect(warnings).toHaveLength(1);
  });

  it('shares a concurrent storable response, but not one that varies on a header the follower sends differently', async () => {
    const { sut } = setup();
    let calls = 0;
    const call = (headers: CacheHttpResponse['headers']) => async () => {
      calls += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return ok(headers);
    };
    const same = await Promise.all(
      [1, 2, 3].map(() => sut.coalesce(get(), call({ 'cache-control': 'max-age=60' }))),
    );
    expect(calls).toBe(1);
    expect(same.filter((result) => result.collapsed)).toHaveLength(2);
    expect(same[1].value.headers['cache-status']).toBe('concierge; fwd=uri-miss; fwd-status=200; collapsed');

    calls = 0;
    const varying = call({ 'cache-control': 'max-age=60', vary: 'accept-language' });
    await Promise.all([
      sut.coalesce(get('/v', { 'accept-language': 'en' }), varying),
      sut.coalesce(get('/v', { 'accept-language': 'fr' }), varying),
    ]);
    expect(calls).toBe(2);

    calls = 0;
    await Promise.all(
      [1, 2, 3].map(() => sut.coalesce(get('/p'), call({ 'cache-control': 'private, max-age=60' }))),
    );
    expect(calls).toBe(3);
  });
});
