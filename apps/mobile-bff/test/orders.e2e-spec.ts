import { randomUUID } from 'node:crypto';
import { passwordToken } from '@concierge/shared/util-testing';
import { bodyOf, startMobileGateway, type MobileGatewayUnderTest } from './mobile-gateway';

describe('mobile-bff /api/orders (e2e)', () => {
  let gw: MobileGatewayUnderTest;
  let token: string;
  const order = JSON.stringify({ items: [{ productId: 'p-0010', quantity: 2 }] });

  beforeAll(async () => {
    gw = await startMobileGateway();
    token = await gw.token('alice');
  });
  afterAll(() => gw.close());

  /** How many orders alice has, from the orders service itself. */
  async function orderCount(): Promise<number> {
    const response = await fetch(`${gw.services.urls.orders}/orders?userId=u-1001&limit=1`, {
      headers: { 'x-user-id': 'u-1001' },
    });
    return ((await response.json()) as { total: number }).total;
  }

  it('creates one order for the same Idempotency-Key sent twice: 201, then 200 replayed with the same order', async () => {
    const key = randomUUID();
    const before = await orderCount();
    const first = await gw.post('/api/orders', token, order, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const created = await bodyOf(first);
    expect(created).toMatchObject({
      id: expect.any(String),
      total: expect.any(Number),
      currency: expect.any(String),
    });
    expect(created.items).toEqual([{ productId: 'p-0010', quantity: 2, price: expect.any(Number) }]);

    const second = await gw.post('/api/orders', token, order, { 'idempotency-key': key });
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect((await bodyOf(second)).id).toBe(created.id);
    expect(await orderCount()).toBe(before + 1);
  });

  it('passes the key on untouched and answers a reused key with another body 422 problem+json', async () => {
    const key = `mobile-${randomUUID()}`;
    await gw.services.resetStats('orders');
    expect((await gw.post('/api/orders', token, order, { 'idempotency-key': key })).status).toBe(201);
    expect((await gw.services.stats('orders')).last?.headers['idempotency-key']).toBe(key);
    const other = JSON.stringify({ items: [{ productId: 'p-0011', quantity: 1 }] });
    const reused = await gw.post('/api/orders', token, other, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await bodyOf(reused)).toMatchObject({
      status: 422,
      type: expect.stringMatching(/idempotency-key-reused$/),
    });
  });

  it.each([
    ['malformed JSON', '{"items": [', 400],
    ['no items', '{"items": []}', 400],
    ['a quantity of zero', '{"items": [{"productId": "p-0010", "quantity": 0}]}', 400],
    [
      "someone else's user id",
      '{"userId": "u-1002", "items": [{"productId": "p-0010", "quantity": 1}]}',
      400,
    ],
  ])('refuses %s with a problem before any order is made', async (_, body, status) => {
    const before = await orderCount();
    const response = await gw.post('/api/orders', token, body, { 'idempotency-key': randomUUID() });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await orderCount()).toBe(before);
  });

  it('needs orders:write to order', async () => {
    const readOnly = await passwordToken(gw.services.urls.identity, 'alice', 'wonderland', 'orders:read');
    expect((await gw.post('/api/orders', readOnly, order)).status).toBe(403);
  });

  it("lists the caller's orders compactly, page by page with next, each once", async () => {
    const total = await orderCount();
    const seen: string[] = [];
    let path: string | null = '/api/orders?limit=4';
    while (path) {
      const response = await gw.get(path, token);
      expect(response.status).toBe(200);
      const page = await bodyOf(response);
      for (const item of page.items) {
        expect(Object.keys(item).sort()).toEqual(['id', 'itemCount', 'placedAt', 'status', 'thumb', 'total']);
        seen.push(item.id);
      }
      expect(seen.length).toBeLessThanOrEqual(total);
      path = page.next ? `/api/orders?limit=4&cursor=${page.next}` : null;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('answers a garbage orders cursor with 400 problem+json', async () => {
    const response = await gw.get('/api/orders?cursor=%7Bnope', token);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
