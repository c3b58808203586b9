import { randomUUID } from 'node:crypto';
import { bodyOf, startWebGateway, type WebGatewayUnderTest } from './web-gateway';

describe('web-bff /api/orders (e2e)', () => {
  let gw: WebGatewayUnderTest;
  let alice: string;
  let bob: string;
  let productIds: string[];

  const ordersOf = async (token: string): Promise<{ total: number; ids: string[] }> => {
    const body = await bodyOf(await gw.get('/api/orders?limit=50', token));
    return { total: body.total, ids: body.items.map((order: { id: string }) => order.id) };
  };
  const order = () => ({
    items: [
      { productId: productIds[0], quantity: 2 },
      { productId: productIds[1], quantity: 1 },
    ],
  });
  const postCalls = async (): Promise<number> =>
    (await gw.services.stats('orders')).byRoute['POST /orders'] ?? 0;

  beforeAll(async () => {
    gw = await startWebGateway();
    [alice, bob] = await Promise.all([gw.token('alice'), gw.token('bob')]);
    productIds = (await bodyOf(await gw.get('/api/products?limit=3', alice))).items.map(
      (p: { id: string }) => p.id,
    );
  });
  afterAll(() => gw.close());
  afterEach(async () => {
    for (const service of ['orders', 'catalog'] as const) await gw.services.resetChaos(service);
  });

  describe('GET /api/orders and /api/orders/:id', () => {
    it('lists the caller’s orders a page at a time, each line with its product, from two calls', async () => {
      await Promise.all([gw.services.resetStats('orders'), gw.services.resetStats('catalog')]);
      const response = await gw.get('/api/orders?limit=4', alice);

      expect(response.status).toBe(200);
      const body = await bodyOf(response);
      expect(body).toMatchObject({
        offset: 0,
        limit: 4,
        total: expect.any(Number),
        _meta: { partial: false, missing: [] },
      });
      expect(body.total).toBeGreaterThan(4);
      expect(body.items).toHaveLength(4);
      for (const order of body.items) {
        expect(order).not.toHaveProperty('userId');
        for (const line of order.items) {
          expect(line.product).toMatchObject({
            id: line.productId,
            name: expect.any(String),
            images: expect.any(Object),
          });
        }
      }
      const [orders, catalog] = await Promise.all([
        gw.services.stats('orders'),
        gw.services.stats('catalog'),
      ]);
      expect(orders.byRoute).toEqual({ 'GET /orders': 1 });
      expect(catalog.byRoute).toEqual({ 'GET /products': 1 }); // one batch, however many lines
      expect(orders.last?.headers['x-user-id']).toBe('u-1001');
    });

    it('pages on with offset and refuses an out-of-bounds page with 400', async () => {
      const first = await bodyOf(await gw.get('/api/orders?limit=2', alice));
      const second = await bodyOf(await gw.get('/api/orders?limit=2&offset=2', alice));
      expect(second.offset).toBe(2);
      expect(second.items.map((o: { id: string }) => o.id)).not.toContain(first.items[0].id);

      const bad = await gw.get('/api/orders?limit=0', alice);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('shows one of the caller’s orders with its products', async () => {
      const [id] = (await ordersOf(alice)).ids;
      const response = await gw.get(`/api/orders/${id}`, alice);

      expect(response.status).toBe(200);
      const body = await bodyOf(response);
      expect(body.order).toMatchObject({ id, status: expect.any(String), total: expect.any(Object) });
      expect(body.order.items[0].product).toMatchObject({ name: expect.any(String) });
      expect(body._meta).toEqual({ partial: false, missing: [] });
    });

    it('answers 404 when bob asks for alice’s order, as for one that does not exist', async () => {
      const [id] = (await ordersOf(alice)).ids;
      const response = await gw.get(`/api/orders/${id}`, bob);

      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await bodyOf(response)).status).toBe(404);
      expect((await gw.get('/api/orders/o-nope', alice)).status).toBe(404);
    });

    it('refuses a token without orders:read with 403', async () => {
      const narrow = await gw.tokenWithScopes('alice', 'catalog:read');
      expect((await gw.get('/api/orders', narrow)).status).toBe(403);
    });
  });

  describe('POST /api/orders', () => {
    it('creates an order: 201, Location, the recorded lines', async () => {
      const before = await ordersOf(bob);
      const response = await gw.post('/api/orders', bob, order());

      expect(response.status).toBe(201);
      const body = await bodyOf(response);
      expect(body).toMatchObject({
        id: expect.any(String),
        status: expect.any(String),
        total: { amount: expect.any(Number) },
      });
      expect(body.items).toEqual([
        expect.objectContaining({ productId: productIds[0], quantity: 2 }),
        expect.objectContaining({ productId: productIds[1], quantity: 1 }),
      ]);
      expect(response.headers.get('location')).toBe(`/api/orders/${body.id}`);
      expect(response.headers.get('idempotent-replayed')).toBeNull();
      const after = await ordersOf(bob);
      expect(after.total).toBe(before.total + 1);
      expect(after.ids).toContain(body.id);
    });

    it('refuses malformed JSON with 400 problem+json, calling nothing', async () => {
      await gw.services.resetStats('orders');
      const response = await gw.post('/api/orders', bob, '{"items": [');

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await bodyOf(response)).detail).toMatch(/JSON/);
      expect(await postCalls()).toBe(0);
    });

    it.each([
      ['no items', { items: [] }, 'items'],
      ['a quantity of 0', { items: [{ productId: 'p-1', quantity: 0 }] }, 'quantity'],
      ['a quantity of 100', { items: [{ productId: 'p-1', quantity: 100 }] }, 'quantity'],
      ['a fractional quantity', { items: [{ productId: 'p-1', quantity: 1.5 }] }, 'quantity'],
      ['a missing product id', { items: [{ quantity: 1 }] }, 'productId'],
      ['51 items', { items: Array.from({ length: 51 }, () => ({ productId: 'p-1', quantity: 1 })) }, 'items'],
      ['an unknown field', { items: [{ productId: 'p-1', quantity: 1 }], userId: 'u-1001' }, 'userId'],
      ['an unknown field in a line', { items: [{ productId: 'p-1', quantity: 1, price: 0 }] }, 'price'],
    ])('refuses a body with %s with 400 naming the field, calling nothing', async (_, body, field) => {
      await gw.services.resetStats('orders');
      const response = await gw.post('/api/orders', bob, body);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await bodyOf(response)).detail).toContain(field);
      expect(await postCalls()).toBe(0);
    });

    it.each([
      ['too long', 'k'.repeat(129)],
      ['with a space', 'two words'],
    ])('refuses an Idempotency-Key %s with 400', async (_, key) => {
      const response = await gw.post('/api/orders', bob, order(), { 'idempotency-key': key });

      expect(response.status).toBe(400);
      expect((await bodyOf(response)).detail).toMatch(/Idempotency-Key/);
    });

    it('passes the orders service’s refusal of an unknown product on as 400', async () => {
      const response = await gw.post('/api/orders', bob, {
        items: [{ productId: 'p-does-not-exist', quantity: 1 }],
      });

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });

    it('creates one order for a key sent twice: 201, then 200 with Idempotent-Replayed and the same order', async () => {
      const key = randomUUID();
      const before = await ordersOf(bob);
      await gw.services.resetStats('orders');

      const first = await gw.post('/api/orders', bob, order(), { 'idempotency-key': key });
      const second = await gw.post('/api/orders', bob, order(), { 'idempotency-key': key });

      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const [a, b] = [await bodyOf(first), await bodyOf(second)];
      expect(b.id).toBe(a.id);
      // Both reached the service (its call log), which created one order (the list).
      expect(await postCalls()).toBe(2);
      expect((await gw.services.stats('orders')).last?.headers['idempotency-key']).toBe(key);
      const after = await ordersOf(bob);
      expect(after.total).toBe(before.total + 1);
      expect(after.ids.filter((id) => id === a.id)).toHaveLength(1);
    });

    it('creates one order for a key sent ten times at once', async () => {
      const key = randomUUID();
      const before = await ordersOf(bob);
      await gw.services.resetStats('orders');

      const responses = await Promise.all(
        Array.from({ length: 10 }, () => gw.post('/api/orders', bob, order(), { 'idempotency-key': key })),
      );
      const bodies = await Promise.all(responses.map(bodyOf));

      expect(responses.map((r) => r.status).sort()).toEqual([
        200, 200, 200, 200, 200, 200, 200, 200, 200, 201,
      ]);
      expect(new Set(bodies.map((body) => body.id)).size).toBe(1);
      expect(await postCalls()).toBe(10);
      expect((await ordersOf(bob)).total).toBe(before.total + 1);
    });

    it('answers 422 problem+json when a key is reused with another body', async () => {
      const key = randomUUID();
      expect((await gw.post('/api/orders', bob, order(), { 'idempotency-key': key })).status).toBe(201);
      const response = await gw.post(
        '/api/orders',
        bob,
        { items: [{ productId: productIds[2], quantity: 5 }] },
        { 'idempotency-key': key },
      );

      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = await bodyOf(response);
      expect(body).toMatchObject({ status: 422, type: expect.stringContaining('idempotency-key-reused') });
      expect(body.instance).not.toMatch(/127\.0\.0\.1/);
    });

    it('refuses a token without orders:write with 403', async () => {
      const readOnly = await gw.tokenWithScopes('bob', 'orders:read catalog:read');
      expect((await gw.post('/api/orders', readOnly, order())).status).toBe(403);
    });
  });

  // Last: these failures count towards the orders breaker (fewer than its threshold).
  describe('retries', () => {
    it('never retries a POST without Idempotency-Key: one failing call, one upstream call', async () => {
      await gw.services.chaos('orders', { errorRate: 1 });
      await gw.services.resetStats('orders');
      const response = await gw.post('/api/orders', bob, order());

      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await gw.calls('orders')).toBe(1);
    });

    it('retries a GET that fails with 503', async () => {
      await gw.services.chaos('orders', { errorRate: 1 });
      await gw.services.resetStats('orders');
      const response = await gw.get('/api/orders', bob);

      expect(response.status).toBe(502);
      expect(await gw.calls('orders')).toBeGreaterThan(1);
    });
  });
});
