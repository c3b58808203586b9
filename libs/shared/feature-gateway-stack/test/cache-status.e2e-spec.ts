import { startOrigin, type Origin, type OriginReply } from '@concierge/shared/util-testing';
import { requestWith, startStackGateway, type Answer, type StackGateway } from './support/stack-gateway';

/**
 * RFC 9211 through a real cached declared route to a real origin: every answer the route gives once the
 * request reached the cache — hits, misses, revalidations, stale-on-error, the 504 when stale is refused,
 * upstream errors rendered as the gateway's problem, the gateway's own 502/503/504, unsafe methods —
 * carries exactly one `Cache-Status` member, named after the gateway, saying what the cache did.
 */
describe('Cache-Status on every answer of a cached declared route (e2e)', () => {
  let origin: Origin;
  /** An origin that always fails, so its breaker can open without touching `origin`'s. */
  let failing: Origin;
  let gateway: StackGateway;

  beforeAll(async () => {
    origin = await startOrigin();
    failing = await startOrigin();
    failing.route('/*', () => ({ status: 500, body: 'boom' }));
    const cached = 'auth: public, cache: { enabled: true }';
    gateway = await startStackGateway(`routes:
  - { id: pages, methods: [GET, HEAD, POST], path: /pages/*, upstream: { url: "${origin.url}", rewrite: /pages/* }, ${cached} }
  - { id: slow, methods: [GET], path: /slow/*, upstream: { url: "${origin.url}", rewrite: /slow/* }, timeoutMs: 200, ${cached} }
  - { id: unreachable, methods: [GET, POST], path: /unreachable/*, upstream: { url: "http://127.0.0.1:9", rewrite: /* }, ${cached} }
  - { id: shaped, methods: [GET], path: /shaped/*, upstream: { url: "${origin.url}", rewrite: /shaped/* }, transforms: { response: { body: { wrap: data } } }, ${cached} }
  - { id: failing, methods: [GET], path: /failing/*, upstream: { url: "${failing.url}", rewrite: /* }, ${cached} }
`);
  });
  afterAll(async () => {
    await gateway.close();
    await origin.close();
    await failing.close();
  });

  const ask = (path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> =>
    requestWith(gateway.port, method, path, headers);
  const twice = async (path: string): Promise<Answer> => (await ask(path), ask(path));
  /** The answer's one `Cache-Status` field line, checked to hold exactly one member. */
  function cacheStatusOf(answer: Answer): string {
    const value = answer.headers['cache-status'];
    expect(typeof value).toBe('string');
    expect(String(value).split(',')).toHaveLength(1);
    return String(value);
  }
  function expectProblem(answer: Answer, status: number): void {
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  it('a stored miss, its hit, a variant miss, a request asking to revalidate, and HEAD', async () => {
    origin.route('/pages/doc', (_request, calls) => ({
      headers: { 'cache-control': 'max-age=60', vary: 'Accept-Language' },
      body: `doc ${calls}`,
    }));
    const en = { 'accept-language': 'en' };
    expect(cacheStatusOf(await ask('/pages/doc', en))).toBe(
      'stack-test; fwd=uri-miss; fwd-status=200; ttl=60; stored',
    );
    expect(cacheStatusOf(await ask('/pages/doc', en))).toBe('stack-test; hit; ttl=60');
    expect(cacheStatusOf(await ask('/pages/doc', { 'accept-language': 'fr' }))).toBe(
      'stack-test; fwd=vary-miss; fwd-status=200; ttl=60; stored',
    );
    expect(cacheStatusOf(await ask('/pages/doc', { ...en, 'cache-control': 'no-cache' }))).toBe(
      'stack-test; fwd=request; fwd-status=200; ttl=60; stored',
    );
    expect(cacheStatusOf(await ask('/pages/doc', en, 'HEAD'))).toBe(
      'stack-test; fwd=uri-miss; fwd-status=200; ttl=60; stored',
    );
  });

  it('a revalidation answered 304, and a response the cache may not store', async () => {
    origin.route('/pages/validated', (request): ReturnType<OriginReply> =>
      request.headers['if-none-match'] === '"v1"'
        ? { status: 304, headers: { etag: '"v1"', 'cache-control': 'max-age=60' } }
        : { headers: { etag: '"v1"', 'cache-control': 'max-age=60', age: '61' }, body: 'validated' },
    );
    const revalidated = await twice('/pages/validated');
    expect(revalidated.body).toBe('validated');
    expect(cacheStatusOf(revalidated)).toBe('stack-test; fwd=stale; fwd-status=304; ttl=60; stored');

    origin.route('/pages/private', () => ({ headers: { 'cache-control': 'private' }, body: 'mine' }));
    expect(cacheStatusOf(await ask('/pages/private'))).toBe(
      'stack-test; fwd=uri-miss; fwd-status=200; detail=private',
    );
  });

  it('stale on error where stale-if-error allows it, the upstream status named when it answered', async () => {
    for (const [name, failure] of [
      ['503', { status: 503, body: 'down' }],
      ['reset', { abort: 'reset' as const }],
    ] as const) {
      origin.route(`/pages/sie-${name}`, (_request, calls): ReturnType<OriginReply> =>
        calls === 1
          ? { headers: { 'cache-control': 'max-age=60, stale-if-error=600', age: '61' }, body: 'kept' }
          : failure,
      );
      const served = await twice(`/pages/sie-${name}`);
      expect(served.status).toBe(200);
      expect(served.body).toBe('kept');
      expect(cacheStatusOf(served)).toMatch(
        name === 'reset'
          ? /^stack-test; fwd=stale; ttl=-\d+; detail=stale-if-error$/
          : /^stack-test; fwd=stale; fwd-status=503; ttl=-\d+; detail=stale-if-error$/,
      );
    }
  });

  it('the 504 when stale may not be served, and the upstream 503 when the origin answered instead', async () => {
    origin.route('/pages/must-revalidate-reset', (_request, calls): ReturnType<OriginReply> =>
      calls === 1
        ? {
            headers: { 'cache-control': 'max-age=60, must-revalidate', age: '61', etag: '"m"' },
            body: 'stored',
          }
        : { abort: 'reset' },
    );
    const refused = await twice('/pages/must-revalidate-reset');
    expectProblem(refused, 504);
    expect(cacheStatusOf(refused)).toBe('stack-test; fwd=stale; detail=stale-not-allowed');

    // An origin that answers has spoken: its 503 (and Retry-After) reach the client, not a 504.
    origin.route('/pages/must-revalidate-503', (_request, calls): ReturnType<OriginReply> =>
      calls === 1
        ? {
            headers: { 'cache-control': 'max-age=60, must-revalidate', age: '61', etag: '"m"' },
            body: 'stored',
          }
        : { status: 503, headers: { 'retry-after': '30' }, body: 'maintenance' },
    );
    const answered = await twice('/pages/must-revalidate-503');
    expectProblem(answered, 503);
    expect(answered.headers['retry-after']).toBe('30');
    expect(answered.body).not.toContain('maintenance');
    expect(cacheStatusOf(answered)).toBe('stack-test; fwd=stale; fwd-status=503; detail=not-cacheable');
  });

  it("upstream errors rendered as the gateway's problem+json", async () => {
    origin.route('/pages/maintenance', () => ({
      status: 503,
      headers: { 'retry-after': '120', 'content-type': 'text/plain' },
      body: 'db-7 is being rebuilt',
    }));
    const maintenance = await ask('/pages/maintenance');
    expectProblem(maintenance, 503);
    expect(maintenance.headers['retry-after']).toBe('120');
    expect(cacheStatusOf(maintenance)).toBe('stack-test; fwd=uri-miss; fwd-status=503; detail=not-cacheable');

    origin.route('/pages/missing', () => ({
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({
        type: 'https://pages.internal/no-page',
        title: 'Not Found',
        status: 404,
        detail: 'No page.',
        instance: '/internal/x',
      }),
    }));
    const missing = await ask('/pages/missing');
    expectProblem(missing, 404);
    expect(JSON.parse(missing.body)).toMatchObject({ detail: 'No page.', instance: '/pages/missing' });
    expect(cacheStatusOf(missing)).toBe('stack-test; fwd=uri-miss; fwd-status=404; detail=no-freshness');
  });

  it("the gateway's own 502, 503 and 504: forwarded, no status came back", async () => {
    const refused = await ask('/unreachable/x');
    expectProblem(refused, 503);
    expect(cacheStatusOf(refused)).toBe('stack-test; fwd=uri-miss');

    origin.route('/shaped/broken', () => ({
      headers: { 'content-type': 'application/json' },
      body: '{"not": json',
    }));
    const unshapeable = await ask('/shaped/broken');
    expectProblem(unshapeable, 502);
    expect(cacheStatusOf(unshapeable)).toBe('stack-test; fwd=uri-miss');

    origin.route('/slow/late', () => ({ delayMs: 3000, body: 'too late' }));
    const late = await ask('/slow/late');
    expectProblem(late, 504);
    expect(cacheStatusOf(late)).toBe('stack-test; fwd=uri-miss');

    // Five failures open the failing origin's breaker (UPSTREAM_BREAKER_FAILURES): the next call is not made.
    for (let i = 0; i < 5; i++) await ask(`/failing/${i}`);
    const before = failing.calls('/*');
    const open = await ask('/failing/open');
    expectProblem(open, 503);
    expect(failing.calls('/*')).toBe(before);
    expect(cacheStatusOf(open)).toBe('stack-test; fwd=uri-miss');
  });

  it('unsafe methods, forwarded as they are (fwd=method), whatever they answer', async () => {
    origin.route('/pages/orders', (request): ReturnType<OriginReply> =>
      request.method === 'POST' ? { status: 201, body: '{"id":1}' } : { body: 'list' },
    );
    expect(cacheStatusOf(await ask('/pages/orders', {}, 'POST'))).toBe(
      'stack-test; fwd=method; fwd-status=201',
    );
    origin.route('/pages/broken-post', () => ({ status: 500, body: 'stack at /srv/app.js:1' }));
    const broken = await ask('/pages/broken-post', {}, 'POST');
    expectProblem(broken, 500);
    expect(cacheStatusOf(broken)).toBe('stack-test; fwd=method; fwd-status=500');
    const unreachable = await ask('/unreachable/orders', {}, 'POST');
    expectProblem(unreachable, 503);
    expect(cacheStatusOf(unreachable)).toBe('stack-test; fwd=method');
  });

  it('a Range request: passed to the origin, its 206 not stored', async () => {
    origin.route('/pages/range', (request): ReturnType<OriginReply> =>
      request.headers['range']
        ? {
            status: 206,
            headers: { 'cache-control': 'max-age=60', 'content-range': 'bytes 0-1/4' },
            body: 'ab',
          }
        : { headers: { 'cache-control': 'max-age=60' }, body: 'abcd' },
    );
    const part = await ask('/pages/range', { range: 'bytes=0-1' });
    expect(part.status).toBe(206);
    expect(origin.last('/pages/range')?.headers['range']).toBe('bytes=0-1');
    expect(cacheStatusOf(part)).toBe('stack-test; fwd=request; fwd-status=206; detail=partial');
    const whole = await ask('/pages/range');
    expect(whole.status).toBe(200);
    expect(whole.body).toBe('abcd');
    expect(origin.calls('/pages/range')).toBe(2);
  });
});
