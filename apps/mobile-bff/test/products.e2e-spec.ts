import { bodyOf, startMobileGateway, type MobileGatewayUnderTest } from './mobile-gateway';

describe('mobile-bff /api/products (e2e)', () => {
  let gw: MobileGatewayUnderTest;
  let token: string;

  beforeAll(async () => {
    gw = await startMobileGateway();
    token = await gw.token('alice');
  });
  afterAll(() => gw.close());
  afterEach(() => gw.services.resetChaos('catalog'));

  async function walk(limit: number, filters = ''): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let path: string | null = `/api/products?limit=${limit}${filters}`;
    let pages = 0;
    while (path) {
      const response = await gw.get(path, token);
      expect(response.status).toBe(200);
      const page = await bodyOf(response);
      ids.push(...page.items.map((item: { id: string }) => item.id));
      pages++;
      expect(pages).toBeLessThan(50); // a cursor that never ends would loop forever
      path = page.next ? `/api/products?limit=${limit}&cursor=${encodeURIComponent(page.next)}` : null;
    }
    return { ids, pages };
  }

  it('walks a category page by page with next, visiting each of its products once', async () => {
    const { ids, pages } = await walk(7, '&category=audio');
    expect(ids).toHaveLength(30); // the demo catalog has 30 products per category
    expect(new Set(ids).size).toBe(30);
    expect(pages).toBe(5);
  });

  it('walks the whole catalog in pages of 50 at most, list fields only', async () => {
    const first = await bodyOf(await gw.get('/api/products?limit=50', token));
    expect(first.items).toHaveLength(50);
    expect(Object.keys(first.items[0]).sort()).toEqual(['id', 'name', 'price', 'rating', 'thumb']);
    expect(first.items[0].thumb).toMatch(/thumbnail/);
    const { ids, pages } = await walk(50);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(300);
    expect(pages).toBe(Math.ceil(ids.length / 50));
  });

  it.each([
    ['a garbage', 'not-a-cursor!!'],
    ['a base64url non-JSON', Buffer.from('offset=7').toString('base64url')],
    ['an edited (negative offset)', Buffer.from('{"kind":"products","offset":-7}').toString('base64url')],
    ["another list's", Buffer.from('{"kind":"orders","offset":7}').toString('base64url')],
  ])('answers %s cursor with 400 problem+json', async (_, cursor) => {
    const response = await gw.get(`/api/products?cursor=${encodeURIComponent(cursor)}`, token);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await bodyOf(response)).toMatchObject({
      status: 400,
      type: expect.stringMatching(/invalid-cursor$/),
      instance: '/api/products',
    });
  });

  it('refuses other filters beside a cursor, and a limit outside 1..50', async () => {
    const page = await bodyOf(await gw.get('/api/products?category=audio&limit=7', token));
    expect((await gw.get(`/api/products?category=books&cursor=${page.next}`, token)).status).toBe(400);
    for (const limit of ['0', '51', 'ten']) {
      const response = await gw.get(`/api/products?limit=${limit}`, token);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    }
  });

  it('shows a product compactly with its stock', async () => {
    const response = await gw.get('/api/products/p-0001', token);
    expect(response.status).toBe(200);
    const body = await bodyOf(response);
    expect(body).toMatchObject({
      id: 'p-0001',
      price: expect.any(Number),
      currency: expect.any(String),
      inStock: expect.any(Boolean),
    });
    expect(body.thumb).toMatch(/thumbnail/);
    expect(body.image).toMatch(/medium/);
    expect(body.description.length).toBeLessThanOrEqual(200);
    expect(Object.keys(body.specs).length).toBeLessThanOrEqual(4);
    expect(body._meta).toBeUndefined();
  });

  it('shows the product with its stock unknown when the stock call is too slow', async () => {
    // Both calls go to the catalog: slowed to 800 ms, the stock (400 ms deadline) misses, the product (1.2 s) makes it.
    await gw.services.chaos('catalog', { latencyMs: 800 });
    const response = await gw.get('/api/products/p-0002', token);
    expect(response.status).toBe(200);
    const body = await bodyOf(response);
    expect(body.id).toBe('p-0002');
    expect(body.inStock).toBeNull();
    expect(body._meta).toEqual({ partial: true, missing: ['inStock'] });
  });

  it('answers 404 problem+json for a product that does not exist', async () => {
    const response = await gw.get('/api/products/p-nope', token);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
