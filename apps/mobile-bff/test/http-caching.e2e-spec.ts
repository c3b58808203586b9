import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { bodyOf, startMobileGateway, type MobileGatewayUnderTest } from './mobile-gateway';
import { rawGet } from './raw-http';

describe('mobile-bff ETag and compression (e2e)', () => {
  let gw: MobileGatewayUnderTest;
  let token: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    gw = await startMobileGateway();
    token = await gw.token('bob');
    auth = { authorization: `Bearer ${token}` };
  });
  afterAll(() => gw.close());

  describe('ETag', () => {
    it('tags a GET with a strong ETag and answers If-None-Match with 304 and no body', async () => {
      const first = await rawGet(`${gw.url}/api/products/p-0003`, auth);
      expect(first.status).toBe(200);
      const etag = first.headers['etag'] as string;
      expect(etag).toMatch(/^"[^"]+"$/); // strong: no W/
      expect(first.headers['cache-control']).toBe('private, no-cache'); // the phone keeps it and revalidates
      const second = await rawGet(`${gw.url}/api/products/p-0003`, { ...auth, 'if-none-match': etag });
      expect(second.status).toBe(304);
      expect(second.body.length).toBe(0);
      expect(second.headers['etag']).toBe(etag);
      expect(second.headers['vary']).toMatch(/accept-encoding/i);
    });

    it('gives changed content a new ETag, so an old one no longer gets a 304', async () => {
      const before = await rawGet(`${gw.url}/api/orders?limit=3`, auth);
      const etag = before.headers['etag'] as string;
      const created = await gw.post(
        '/api/orders',
        token,
        JSON.stringify({ items: [{ productId: 'p-0004', quantity: 1 }] }),
      );
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBeNull(); // validators belong to reads
      const after = await rawGet(`${gw.url}/api/orders?limit=3`, { ...auth, 'if-none-match': etag });
      expect(after.status).toBe(200);
      expect(after.headers['etag']).toMatch(/^"[^"]+"$/);
      expect(after.headers['etag']).not.toBe(etag);
      expect(JSON.parse(after.body.toString()).items[0].id).toBe((await bodyOf(created)).id);
    });

    it('never tags or revalidates an error: a problem stays a problem', async () => {
      const first = await rawGet(`${gw.url}/api/products/p-nope`, auth);
      expect(first.status).toBe(404);
      expect(first.headers['etag']).toBeUndefined();
      expect(first.headers['content-type']).toMatch(/^application\/problem\+json/);
      const again = await rawGet(`${gw.url}/api/products/p-nope`, { ...auth, 'if-none-match': '*' });
      expect(again.status).toBe(404);
      expect(JSON.parse(again.body.toString())).toMatchObject({ status: 404 });
    });
  });

  describe('compression', () => {
    const bigPath = '/api/products?limit=50'; // ~7 KB of JSON

    it.each([
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ])('compresses a response over 1 KB with %s when the client accepts it', async (encoding, decode) => {
      const plain = await rawGet(`${gw.url}${bigPath}`, { ...auth, 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      const packed = await rawGet(`${gw.url}${bigPath}`, { ...auth, 'accept-encoding': encoding });
      expect(packed.status).toBe(200);
      expect(packed.headers['content-encoding']).toBe(encoding);
      expect(packed.headers['vary']).toMatch(/accept-encoding/i);
      expect(packed.body.length).toBeLessThan(plain.body.length);
      expect(JSON.parse(decode(packed.body).toString())).toEqual(JSON.parse(plain.body.toString()));
      // One validator for the content whatever its coding: revalidating the compressed copy works too.
      expect(packed.headers['etag']).toBe(plain.headers['etag']);
      const revalidated = await rawGet(`${gw.url}${bigPath}`, {
        ...auth,
        'accept-encoding': encoding,
        'if-none-match': packed.headers['etag'] as string,
      });
      expect(revalidated.status).toBe(304);
      expect(revalidated.body.length).toBe(0);
    });

    it('prefers br when the client accepts both', async () => {
      const packed = await rawGet(`${gw.url}${bigPath}`, { ...auth, 'accept-encoding': 'gzip, br' });
      expect(packed.headers['content-encoding']).toBe('br');
    });

    it('sends small responses and problems as they are', async () => {
      const small = await rawGet(`${gw.url}/api/products?limit=1`, {
        ...auth,
        'accept-encoding': 'br, gzip',
      });
      expect(small.status).toBe(200);
      expect(small.body.length).toBeLessThan(1024);
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(small.body.toString()).items).toHaveLength(1);

      const problem = await rawGet(`${gw.url}/api/products?cursor=%21%21`, {
        ...auth,
        'accept-encoding': 'br, gzip',
      });
      expect(problem.status).toBe(400);
      expect(problem.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(problem.body.toString())).toMatchObject({ status: 400, title: 'Bad Request' });
    });
  });
});
