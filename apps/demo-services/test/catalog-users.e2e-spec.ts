import type { Product, ProductPage, StockLevel, UserProfile } from '@concierge/shared/util-contracts';
import type { RunningDemoServices } from '../src/demo-services';
import { call, startForTest } from './support/start';

describe('catalog and users services', () => {
  let services: RunningDemoServices;
  let catalog: string;
  let users: string;

  beforeAll(async () => {
    services = await startForTest();
    ({ catalog, users } = services.urls);
  });
  afterAll(() => services.close());

  it('serves a product of about 1 KB, publicly cacheable with a strong ETag that revalidates to 304', async () => {
    const response = await fetch(`${catalog}/products/p-0042`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text.length).toBeGreaterThan(800);
    expect(text.length).toBeLessThan(1300);
    const product: Product = JSON.parse(text);
    expect(product).toMatchObject({
      id: 'p-0042',
      images: { thumbnail: expect.any(String), medium: expect.any(String), large: expect.any(String) },
    });
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[^"]+"$/);

    const revalidated = await fetch(`${catalog}/products/p-0042`, { headers: { 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    const other = await fetch(`${catalog}/products/p-0043`, { headers: { 'if-none-match': etag } });
    expect(other.status).toBe(200);
  });

  it('serves the same product on every start', async () => {
    const again = await startForTest();
    try {
      const a = await call(`${catalog}/products/p-0100`);
      const b = await call(`${again.urls.catalog}/products/p-0100`);
      expect(b.body).toEqual(a.body);
    } finally {
      await again.close();
    }
  });

  it('answers batch lookups in the order asked, omitting unknown ids', async () => {
    const { status, body } = await call<Product[]>(`${catalog}/products?ids=p-0007,p-9999,p-0002,p-0007`);
    expect(status).toBe(200);
    expect(body.map((p) => p.id)).toEqual(['p-0007', 'p-0002']);
  });

  it('pages and searches the catalog', async () => {
    const categories = (await call<Array<{ id: string }>>(`${catalog}/categories`)).body;
    expect(categories).toHaveLength(10);
    const page = (
      await call<ProductPage>(`${catalog}/products?category=${categories[0].id}&offset=10&limit=5`)
    ).body;
    expect(page).toMatchObject({ total: 30, offset: 10, limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.items.every((p) => p.category === categories[0].id)).toBe(true);

    const all = (await call<ProductPage>(`${catalog}/products`)).body;
    expect(all).toMatchObject({ total: 300, offset: 0, limit: 20 });
    const brand = all.items[0].brand;
    const found = (
      await call<ProductPage>(`${catalog}/products?q=${encodeURIComponent(brand.toLowerCase())}&limit=100`)
    ).body;
    expect(found.total).toBeGreaterThan(0);
    expect(found.total).toBeLessThan(300);
    expect(found.items.every((p) => p.name.includes(brand))).toBe(true);
  });

  it('rejects a bad page size with a problem naming the parameter', async () => {
    const { status, headers, body } = await call(`${catalog}/products?limit=1000`);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.detail).toMatch(/limit/);
  });

  it('relates products of the same category', async () => {
    const product = (await call<Product>(`${catalog}/products/p-0005`)).body;
    const related = (await call<Product[]>(`${catalog}/products/p-0005/related?limit=4`)).body;
    expect(related).toHaveLength(4);
    expect(related.every((p) => p.category === product.category && p.id !== 'p-0005')).toBe(true);
  });

  it('serves stock uncached, one or many', async () => {
    const one = await call<StockLevel>(`${catalog}/products/p-0003/stock`);
    expect(one.headers.get('cache-control')).toBe('no-store');
    expect(one.body).toMatchObject({ productId: 'p-0003', available: expect.any(Number) });
    const many = await call<StockLevel[]>(`${catalog}/stock?ids=p-0003,p-0001,nope`);
    expect(many.body.map((s) => s.productId)).toEqual(['p-0003', 'p-0001']);
    expect(many.body[0]).toEqual(one.body);
  });

  it('recommends known products per user and 404s an unknown product or user', async () => {
    const { body } = await call(`${catalog}/recommendations?userId=u-1001&limit=5`);
    expect(body.userId).toBe('u-1001');
    expect(body.productIds).toHaveLength(5);
    const products = (await call<Product[]>(`${catalog}/products?ids=${body.productIds.join(',')}`)).body;
    expect(products).toHaveLength(5);
    expect((await call(`${catalog}/recommendations?userId=u-0000`)).status).toBe(404);
    const missing = await call(`${catalog}/products/p-9999`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found', instance: '/products/p-9999' });
  });

  it('serves user profiles one at a time or in a batch', async () => {
    const alice = (await call<UserProfile>(`${users}/users/u-1001`)).body;
    expect(alice).toMatchObject({
      id: 'u-1001',
      username: 'alice',
      preferences: { favouriteCategories: expect.any(Array) },
    });
    const batch = (await call<UserProfile[]>(`${users}/users?ids=u-1002,u-0000,u-1001`)).body;
    expect(batch.map((u) => u.username)).toEqual(['bob', 'alice']);
    const missing = await call(`${users}/users/u-0000`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('echoes a sane x-request-id and answers unknown routes with a problem', async () => {
    const { status, headers, body } = await call(`${users}/nowhere`, {
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(status).toBe(404);
    expect(headers.get('x-request-id')).toBe('abc-123');
    expect(body).toMatchObject({ status: 404, requestId: 'abc-123' });
  });
});
