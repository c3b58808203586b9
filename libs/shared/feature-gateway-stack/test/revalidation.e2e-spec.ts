import { startOrigin, type Origin, type OriginReply } from '@concierge/shared/util-testing';
import { getWith, startStackGateway, type StackGateway } from './support/stack-gateway';

/**
 * Revalidation through a real declared route (undici to the origin, the route's own header handling):
 * every 304 the origin may send updates the stored response and the client gets a 200 (RFC 9111 §4.3.3,
 * §4.3.4), never a 502.
 */
describe('revalidation through a cached declared route (e2e)', () => {
  let origin: Origin;
  let gateway: StackGateway;

  beforeAll(async () => {
    origin = await startOrigin();
    gateway = await startStackGateway(`routes:
  - { id: pages, methods: [GET, HEAD], path: /pages/*, upstream: { url: "${origin.url}", rewrite: /pages/* }, auth: public, cache: { enabled: true } }
`);
  });
  afterAll(async () => {
    await gateway.close();
    await origin.close();
  });

  /** Stored with `Age` past its lifetime, so the next request revalidates at once. */
  function revalidating(
    path: string,
    stored: Record<string, string>,
    notModified: Record<string, string | string[]>,
  ): void {
    origin.route(path, (request) =>
      request.headers['if-none-match'] === '"r1"'
        ? { status: 304, headers: notModified }
        : {
            headers: { etag: '"r1"', 'content-type': 'text/plain', age: '61', ...stored },
            body: 'stored body',
          },
    );
  }

  it.each([
    [
      'a must-revalidate response',
      { 'cache-control': 'max-age=60, must-revalidate' },
      { etag: '"r1"', 'cache-control': 'max-age=60, must-revalidate', 'x-version': '2' },
    ],
    ['a 304 carrying ETag', { 'cache-control': 'max-age=60' }, { etag: '"r1"', 'x-version': '2' }],
    [
      'a 304 carrying Set-Cookie',
      { 'cache-control': 'max-age=60' },
      { etag: '"r1"', 'set-cookie': 'seen=1; Path=/', 'x-version': '2' },
    ],
    [
      'a 304 carrying Content-Length',
      { 'cache-control': 'max-age=60' },
      { etag: '"r1"', 'content-length': '999', 'x-version': '2' },
    ],
  ])('answers 200 with the stored body after %s', async (label, stored, notModified) => {
    const path = `/pages/revalidate-${label.replace(/\W+/g, '-')}`;
    revalidating(path, stored, notModified);
    const first = await getWith(gateway.port, path);
    expect(first.body).toBe('stored body');
    const revalidated = await getWith(gateway.port, path);
    expect(revalidated.status).toBe(200);
    expect(revalidated.body).toBe('stored body');
    expect(revalidated.headers['content-length']).toBe(String('stored body'.length));
    expect(revalidated.headers['x-version']).toBe('2');
    expect(revalidated.headers['cache-status']).toMatch(/^stack-test; fwd=stale; fwd-status=304; /);
    expect(origin.last(path)?.headers['if-none-match']).toBe('"r1"');
    expect(origin.calls(path)).toBe(2);
  });

  it('sends the stored validators and the request headers the stored Vary names', async () => {
    origin.route('/pages/vary-revalidate', (request): ReturnType<OriginReply> =>
      request.headers['if-none-match'] === '"fr"'
        ? { status: 304, headers: { etag: '"fr"' } }
        : {
            headers: { etag: '"fr"', vary: 'Accept-Language', 'cache-control': 'max-age=60', age: '61' },
            body: 'bonjour',
          },
    );
    await getWith(gateway.port, '/pages/vary-revalidate', { 'accept-language': 'fr' });
    const revalidated = await getWith(gateway.port, '/pages/vary-revalidate', { 'accept-language': 'fr' });
    expect(revalidated.body).toBe('bonjour');
    const seen = origin.last('/pages/vary-revalidate')?.headers;
    expect(seen?.['if-none-match']).toBe('"fr"');
    expect(seen?.['accept-language']).toBe('fr');
  });
});
