import { startRouteFaultProxy, type RouteFaultProxy } from './route-fault.proxy';
import { bodyOf, startWebGateway, type WebGatewayUnderTest } from './web-gateway';

describe('web-bff /api/products (e2e)', () => {
  let gw: WebGatewayUnderTest;
  let stock: RouteFaultProxy;
  let token: string;
  let productId: string;

  beforeAll(async () => {
    // The catalog is reached through a proxy that can fail its stock routes alone (see RouteFaultProxy).
    gw = await startWebGateway(async (services) => {
      stock = await startRouteFaultProxy(services.urls.catalog, /^\/(stock|products\/[^/?]+\/stock)(\?|$)/);
      return { CATALOG_SERVICE_URL: stock.url };
    });
    token = await gw.token('alice');
    productId = (await bodyOf(await gw.get('/api/products?limit=1', token))).items[0].id;
  });
  afterAll(async () => {
    await gw.close();
    await stock.close();
  });
  afterEach(async () => {
    stock.fail(false);
    await gw.services.resetChaos('catalog');
  });

  describe('GET /api/products', () => {
    it('answers a page of products, each with its stock, from two catalog calls', async () => {
      await gw.services.resetStats('catalog');
      const response = await gw.get('/api/products?offset=2&limit=5', token);

      expect(response.status).toBe(200);
      const body = await bodyOf(response);
      expect(body).toMatchObject({
        offset: 2,
        limit: 5,
        total: expect.any(Number),
        _meta: { partial: false, missing: [] },
      });
      expect(body.items).toHaveLength(5);
      for (const item of body.items) {
        expect(item).toMatchObject({
          id: expect.stringMatching(/^p-/),
          name: expect.any(String),
          images: expect.any(Object),
        });
        expect(item.stock).toMatchObject({ available: expect.any(Number), warehouse: expect.any(String) });
        expect(item).not.toHaveProperty('sku');
      }
      // The page, then one batch for the stock of all its items: no call per product.
      expect((await gw.services.stats('catalog')).byRoute).toEqual({ 'GET /products': 1, 'GET /stock': 1 });
    });

    it('filters by category and by text', async () => {
      const all = await bodyOf(await gw.get('/api/products?limit=1', token));
      const first = all.items[0];

      const byCategory = await bodyOf(
        await gw.get(`/api/products?category=${encodeURIComponent(first.category)}&limit=50`, token),
      );
      expect(byCategory.total).toBeGreaterThan(0);
      expect(byCategory.total).toBeLessThan(all.total);
      expect(byCategory.items.every((item: { category: string }) => item.category === first.category)).toBe(
        true,
      );

      const byText = await bodyOf(await gw.get(`/api/products?q=${encodeURIComponent(first.name)}`, token));
      expect(byText.total).toBeLessThan(all.total);
      expect(byText.items.map((item: { id: string }) => item.id)).toContain(first.id);
    });

    it.each([
      ['a negative offset', 'offset=-1', 'offset'],
      ['a limit past the page bound', 'limit=51', 'limit'],
      ['a limit that is not a number', 'limit=ten', 'limit'],
      ['an unknown parameter', 'sort=price', 'sort'],
    ])('refuses %s with 400 problem+json naming it, calling nothing', async (_, query, field) => {
      await gw.services.resetStats('catalog');
      const response = await gw.get(`/api/products?${query}`, token);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = await bodyOf(response);
      expect(body).toMatchObject({ status: 400, title: 'Bad Request' });
      expect(body.detail).toContain(field);
      expect(await gw.calls('catalog')).toBe(0);
    });

    it('still lists the products when the stock is down, every stock null and named missing', async () => {
      stock.fail(true);
      const response = await gw.get('/api/products?limit=3', token);

      expect(response.status).toBe(200);
      const body = await bodyOf(response);
      expect(body.items).toHaveLength(3);
      expect(body.items.map((item: { stock: unknown }) => item.stock)).toEqual([null, null, null]);
      expect(body._meta).toEqual({ partial: true, missing: ['stock'] });
    });
  });

  describe('GET /api/products/:id', () => {
    it('answers product, stock and related products from exactly three catalog calls', async () => {
      await gw.services.resetStats('catalog');
      const response = await gw.get(`/api/products/${productId}`, token);

      expect(response.status).toBe(200);
      const body = await bodyOf(response);
      expect(body.product).toMatchObject({
        id: productId,
        name: expect.any(String),
        specs: expect.any(Object),
      });
      expect(body.product).not.toHaveProperty('sku');
      expect(body.stock).toMatchObject({ available: expect.any(Number) });
      expect(body.related.length).toBeGreaterThan(0);
      expect(body.related.map((product: { id: string }) => product.id)).not.toContain(productId);
      expect(body._meta).toEqual({ partial: false, missing: [] });
      const stats = await gw.services.stats('catalog');
      expect(stats.total).toBe(3);
      expect(stats.byRoute).toEqual({
        'GET /products/:id': 1,
        'GET /products/:id/stock': 1,
        'GET /products/:id/related': 1,
      });
    });

    it('makes the three calls in parallel: slowed by one latency, not three', async () => {
      const latencyMs = 400;
      await gw.services.chaos('catalog', { latencyMs });
      const started = Date.now();
      const response = await gw.get(`/api/products/${productId}`, token);
      const elapsed = Date.now() - started;

      expect(response.status).toBe(200);
      expect((await bodyOf(response))._meta.missing).toEqual([]);
      expect(elapsed).toBeGreaterThanOrEqual(latencyMs);
      // One after another, the three calls could not take less than three latencies: anything below is parallel.
      expect(elapsed).toBeLessThan(3 * latencyMs);
    });

    it('answers 200 with a null stock named missing when the stock is down', async () => {
      stock.fail(true);
      const response = await gw.get(`/api/products/${productId}`, token);

      expect(response.status).toBe(200);
      const body = await bodyOf(response);
      expect(body.product.id).toBe(productId);
      expect(body.stock).toBeNull();
      expect(body.related.length).toBeGreaterThan(0);
      expect(body._meta).toEqual({ partial: true, missing: ['stock'] });
    });

    it('passes the catalog’s 404 on as problem+json for an unknown product', async () => {
      const response = await gw.get('/api/products/p-does-not-exist', token);

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = await bodyOf(response);
      expect(body).toMatchObject({ status: 404, title: 'Not Found' });
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|stack/);
    });

    it('needs the catalog:read scope', async () => {
      const narrow = await gw.tokenWithScopes('alice', 'orders:read');
      const response = await gw.get(`/api/products/${productId}`, narrow);

      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  });
});
