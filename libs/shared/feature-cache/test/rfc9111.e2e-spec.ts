import { request } from 'undici';
import type { Origin, OriginReply } from '@concierge/shared/util-testing';
import { startCachedOrigin } from './support/cache-app';

/**
 * RFC 9111 (and 9110, 5861, 8246, 9211) point by point, through a cached pass-through route to a plain
 * origin that sends exactly the headers named. `Age` makes a response stale at once where a test needs
 * staleness, so nothing waits on the clock.
 */
describe('RFC 9111 shared-cache semantics against a real origin (e2e)', () => {
  let origin: Origin;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => ({ origin, url: base, close } = await startCachedOrigin()));
  afterAll(() => close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/proxy${path}`, { headers });
  const cacheStatus = (response: Response) => response.headers.get('cache-status');
  /** A GET exactly as given: fetch adds `Cache-Control: no-cache` to any conditional request. */
  async function conditional(path: string, headers: Record<string, string>) {
    const response = await request(`${base}/proxy${path}`, { headers });
    const text = await response.body.text();
    return { status: response.statusCode, text, header: (name: string) => response.headers[name] };
  }
  async function twice(path: string, headers: Record<string, string> = {}): Promise<Response> {
    await (await get(path, headers)).text();
    return get(path, headers);
  }

  describe('directive names are case-insensitive (§5.2)', () => {
    it('revalidates `Cache-Control: max-age=60, No-CaChe` every time', async () => {
      origin.route('/case/no-cache', (request, calls) =>
        request.headers['if-none-match'] === '"c"'
          ? { status: 304, headers: { etag: '"c"', 'cache-control': 'max-age=60, No-CaChe' } }
          : { headers: { etag: '"c"', 'cache-control': 'max-age=60, No-CaChe' }, body: `call ${calls}` },
      );
      const second = await twice('/case/no-cache');
      expect(await second.text()).toBe('call 1');
      expect(cacheStatus(second)).toBe('concierge; fwd=stale; fwd-status=304; ttl=0; stored');
      expect(origin.calls('/case/no-cache')).toBe(2);
    });

    it('never stores `Cache-Control: NO-STORE, max-age=60`, nor `Private` in a shared cache', async () => {
      origin.route('/case/no-store', (_request, calls) => ({
        headers: { 'cache-control': 'NO-STORE, max-age=60' },
        body: `call ${calls}`,
      }));
      origin.route('/case/private', (_request, calls) => ({
        headers: { 'cache-control': 'Private, max-age=60' },
        body: `call ${calls}`,
      }));
      expect(await (await twice('/case/no-store')).text()).toBe('call 2');
      expect(await (await twice('/case/private')).text()).toBe('call 2');
    });
  });

  describe('an Age that cannot be parsed makes the response stale (§5.1)', () => {
    it.each([
      ['non-numeric', 'soon'],
      ['negative', '-5'],
      ['several values', '0, 0'],
      ['several lines', ['0', '0']],
    ])('Age %s', async (label, age) => {
      const path = `/age/${label.replace(/ /g, '-')}`;
      origin.route(path, (_request, calls) => ({
        headers: { 'cache-control': 'max-age=60', age },
        body: `call ${calls}`,
      }));
      const second = await twice(path);
      expect(await second.text()).toBe('call 2');
      expect(cacheStatus(second)).toBe('concierge; fwd=uri-miss; fwd-status=200; detail=no-freshness');
    });
  });

  describe('never serve stale when told not to (§4.2.4, §5.2.2)', () => {
    it.each([
      ['must-revalidate', 'max-age=60, must-revalidate', 'reset'],
      ['proxy-revalidate', 'max-age=60, proxy-revalidate', 'reset'],
      ['no-cache', 'max-age=60, no-cache', 'mid-response'],
      ['s-maxage', 's-maxage=60', 'reset'],
    ] as const)('%s: 504 when the origin cannot be reached', async (label, cacheControl, abort) => {
      const path = `/stale-forbidden/${label}`;
      origin.route(path, (_request, calls) =>
        calls === 1
          ? { headers: { 'cache-control': cacheControl, age: '61', etag: '"s"' }, body: 'stored' }
          : { abort, body: 'never whole' },
      );
      const second = await twice(path);
      expect(second.status).toBe(504);
      expect(second.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await second.json()).toMatchObject({
        status: 504,
        type: expect.stringContaining('stale-not-allowed'),
      });
      expect(cacheStatus(second)).toBe('concierge; fwd=stale; detail=stale-not-allowed');
    });

    it('serves stale on error only within stale-if-error (RFC 5861), saying so in Cache-Status', async () => {
      origin.route('/stale-if-error/reset', (_request, calls) =>
        calls === 1
          ? { headers: { 'cache-control': 'max-age=60, stale-if-error=600', age: '61' }, body: 'kept' }
          : { abort: 'reset' },
      );
      const served = await twice('/stale-if-error/reset');
      expect(served.status).toBe(200);
      expect(await served.text()).toBe('kept');
      expect(cacheStatus(served)).toMatch(/^concierge; fwd=stale; ttl=-\d+; detail=stale-if-error$/);

      origin.route('/stale-if-error/503', (_request, calls) =>
        calls === 1
          ? { headers: { 'cache-control': 'max-age=60, stale-if-error=600', age: '61' }, body: 'kept' }
          : { status: 503, body: 'down' },
      );
      const over503 = await twice('/stale-if-error/503');
      expect(await over503.text()).toBe('kept');
      expect(cacheStatus(over503)).toMatch(
        /^concierge; fwd=stale; fwd-status=503; ttl=-\d+; detail=stale-if-error$/,
      );

      origin.route('/stale-if-error/expired', (_request, calls) =>
        calls === 1
          ? {
              headers: { 'cache-control': 'max-age=60, stale-if-error=5', age: '70', etag: '"e"' },
              body: 'too old',
            }
          : { status: 503, body: 'down' },
      );
      const tooOld = await twice('/stale-if-error/expired');
      expect(tooOld.status).toBe(503);
      expect(await tooOld.text()).toBe('down');
    });
  });

  describe('status codes (§3, §4.2.2)', () => {
    it.each([
      [503, 'max-age=60'],
      [500, 'public, max-age=60'],
      [599, 'max-age=60'],
    ])('never stores a %i, even with explicit freshness (%s)', async (status, cacheControl) => {
      const path = `/status/${status}`;
      origin.route(path, (_request, calls) => ({
        status,
        headers: { 'cache-control': cacheControl },
        body: `call ${calls}`,
      }));
      const second = await twice(path);
      expect(second.status).toBe(status);
      expect(await second.text()).toBe('call 2');
    });
  });

  it('revalidates an `immutable` response once stale (RFC 8246)', async () => {
    const date = new Date(Date.now() - 10_000).toUTCString();
    const expires = new Date(Date.now() - 5_000).toUTCString();
    origin.route('/immutable', (_request, calls) => ({
      headers: {
        'cache-control': 'public, immutable',
        date,
        expires: calls === 1 ? new Date(Date.parse(date) + 60_000).toUTCString() : expires,
        age: '120',
      },
      body: `call ${calls}`,
    }));
    const second = await twice('/immutable');
    expect(await second.text()).toBe('call 2');
  });

  it('lets s-maxage win over max-age in a shared cache, shorter and on another line (§5.2.2.10)', async () => {
    origin.route('/s-maxage/lines', (_request, calls) => ({
      headers: { 'cache-control': ['max-age=600', 'S-MaxAge=10'], age: '20' },
      body: `call ${calls}`,
    }));
    expect(await (await twice('/s-maxage/lines')).text()).toBe('call 2');
    origin.route('/s-maxage/longer', (_request, calls) => ({
      headers: { 'cache-control': ['max-age=10', 's-maxage=600'], age: '20' },
      body: `call ${calls}`,
    }));
    expect(await (await twice('/s-maxage/longer')).text()).toBe('call 1');
  });

  describe('conditional requests answered from the cache (§4.3.2)', () => {
    const stored = {
      etag: '"v7"',
      'cache-control': 'max-age=60',
      expires: new Date(Date.now() + 60_000).toUTCString(),
      vary: 'Accept-Language',
      'content-location': '/doc.en',
    };

    it('answers a matching If-None-Match with 304 and the stored validators, without going upstream', async () => {
      origin.route('/conditional/etag', () => ({ headers: stored, body: 'the document' }));
      // fetch would add `Accept-Language: *`, another variant: every request of these tests is exact.
      const first = await conditional('/conditional/etag', {});
      const notModified = await conditional('/conditional/etag', { 'if-none-match': 'W/"other", "v7"' });
      expect(notModified.status).toBe(304);
      expect(notModified.text).toBe('');
      for (const name of ['etag', 'cache-control', 'expires', 'vary', 'content-location', 'date']) {
        expect(notModified.header(name)).toBe(first.header(name));
      }
      expect(notModified.header('cache-status')).toBe('concierge; hit; ttl=60');
      expect(origin.calls('/conditional/etag')).toBe(1);
    });

    it('answers If-Modified-Since from the cache, and lets If-None-Match take precedence over it', async () => {
      const lastModified = new Date(Date.now() - 3_600_000).toUTCString();
      origin.route('/conditional/date', () => ({
        headers: { ...stored, 'last-modified': lastModified },
        body: 'the document',
      }));
      await conditional('/conditional/date', {});
      const since = new Date().toUTCString();
      expect((await conditional('/conditional/date', { 'if-modified-since': since })).status).toBe(304);
      const precedence = await conditional('/conditional/date', {
        'if-none-match': '"v6"',
        'if-modified-since': since,
      });
      expect(precedence.status).toBe(200);
      expect(precedence.text).toBe('the document');
      expect(origin.calls('/conditional/date')).toBe(1);
    });
  });

  it('never stores hop-by-hop headers or those Connection names (§3.1)', async () => {
    origin.route('/hop', () => ({
      headers: {
        'cache-control': 'max-age=60',
        connection: 'x-hop-secret',
        'x-hop-secret': 'for this hop only',
        'keep-alive': 'timeout=5',
        'x-end-to-end': 'kept',
      },
      body: 'hop',
    }));
    const hit = await twice('/hop');
    expect(cacheStatus(hit)).toBe('concierge; hit; ttl=60');
    expect(hit.headers.get('x-hop-secret')).toBeNull();
    expect(hit.headers.get('x-end-to-end')).toBe('kept');
  });

  it('passes a Range request to the origin and never stores a 206 as the whole (§3.3)', async () => {
    const whole = 'abcdefghijklmnopqrstuvwxyz';
    origin.route('/range', (request): ReturnType<OriginReply> => {
      const range = /^bytes=(\d+)-(\d+)$/.exec(String(request.headers['range'] ?? ''));
      return range
        ? {
            status: 206,
            headers: {
              'cache-control': 'max-age=60',
              'content-range': `bytes ${range[1]}-${range[2]}/${whole.length}`,
            },
            body: whole.slice(Number(range[1]), Number(range[2]) + 1),
          }
        : { headers: { 'cache-control': 'max-age=60' }, body: whole };
    });
    const part = await get('/range', { range: 'bytes=0-3' });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe('abcd');
    expect(cacheStatus(part)).toBe('concierge; fwd=request; fwd-status=206; detail=partial');

    const full = await get('/range');
    expect(full.status).toBe(200);
    expect(await full.text()).toBe(whole);
    const again = await get('/range', { range: 'bytes=4-5' });
    expect(await again.text()).toBe('ef');
    expect(origin.calls('/range')).toBe(3);
  });
});
