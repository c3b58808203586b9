import type { Order, OrderPage, Product } from '@concierge/shared/util-contracts';
import type { RunningDemoServices } from '../src/demo-services';
import { call, startForTest, type Loose } from './support/start';

describe('orders service', () => {
  let services: RunningDemoServices;
  let orders: string;
  const asUser = (userId: string, roles = 'customer') => ({ 'x-user-id': userId, 'x-user-roles': roles });

  beforeAll(async () => {
    services = await startForTest();
    orders = services.urls.orders;
  });
  afterAll(() => services.close());

  const create = (userId: string, body: unknown, headers: Record<string, string> = {}) =>
    call<Order & Loose>(`${orders}/orders`, {
      method: 'POST',
      json: body,
      headers: { ...asUser(userId), ...headers },
    });

  it('lists a user’s orders newest first, paged', async () => {
    const page = (
      await call<OrderPage>(`${orders}/orders?userId=u-1001&limit=5`, { headers: asUser('u-1001') })
    ).body;
    expect(page).toMatchObject({ total: 12, offset: 0, limit: 5 });
    const all = (
      await call<OrderPage>(`${orders}/orders?userId=u-1001&limit=100`, { headers: asUser('u-1001') })
    ).body.items;
    const dates = all.map((o) => o.createdAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(page.items).toEqual(all.slice(0, 5));
    expect((await call<OrderPage>(`${orders}/orders`, { headers: asUser('u-1002') })).body.total).toBe(5);
  });

  it('shows an order to its owner and an admin only', async () => {
    const [mine] = (await call<OrderPage>(`${orders}/orders?userId=u-1002`, { headers: asUser('u-1002') }))
      .body.items;
    expect((await call(`${orders}/orders/${mine.id}`, { headers: asUser('u-1002') })).body).toEqual(mine);
    const stranger = await call(`${orders}/orders/${mine.id}`, { headers: asUser('u-1001') });
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await call(`${orders}/orders/${mine.id}`)).status).toBe(404);
    expect((await call(`${orders}/orders/${mine.id}`, { headers: asUser('u-1000', 'admin') })).status).toBe(
      200,
    );
    expect((await call(`${orders}/orders?userId=u-1002`, { headers: asUser('u-1001') })).status).toBe(403);
  });

  it('creates an order for the caller, priced from the catalog', async () => {
    const product = (await call<Product>(`${services.urls.catalog}/products/p-0010`)).body;
    const { status, headers, body } = await create('u-1002', {
      userId: 'u-1001',
      items: [{ productId: 'p-0010', quantity: 3 }],
    });
    expect(status).toBe(201);
    expect(headers.get('location')).toBe(`/orders/${body.id}`);
    expect(body).toMatchObject({
      userId: 'u-1002',
      status: 'pending',
      items: [{ productId: 'p-0010', quantity: 3, unitPrice: product.price }],
    });
    expect(body.total.amount).toBeCloseTo(product.price.amount * 3, 2);
    const page = (await call<OrderPage>(`${orders}/orders`, { headers: asUser('u-1002') })).body;
    expect(page.items[0].id).toBe(body.id);
  });

  it('takes the user from the body when no gateway identity is present', async () => {
    const { status, body } = await call<Order>(`${orders}/orders`, {
      method: 'POST',
      json: { userId: 'u-1010', items: [{ productId: 'p-0001', quantity: 1 }] },
    });
    expect(status).toBe(201);
    expect(body.userId).toBe('u-1010');
  });

  it.each([
    [{ items: [] }, 'body/items'],
    [{ items: [{ productId: 'p-0001', quantity: 0 }] }, 'body/items/0/quantity'],
    [{ items: [{ productId: 'p-0001', quantity: '2' }] }, 'body/items/0/quantity'],
    [{ items: [{ quantity: 1 }] }, 'body/items/0/productId'],
    [
      {
        items: [
          { productId: 'p-0001', quantity: 1 },
          { productId: 'p-9999', quantity: 1 },
        ],
      },
      'body/items/1/productId',
    ],
    [{ items: [{ productId: 'p-0001', quantity: 1 }], coupon: 'FREE' }, 'body/coupon'],
  ])('rejects %j with a problem naming %s', async (payload, field) => {
    const { status, headers, body } = await create('u-1001', payload);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('replays the first order for a repeated Idempotency-Key and refuses the key with another body', async () => {
    const body = { items: [{ productId: 'p-0020', quantity: 1 }] };
    const key = { 'idempotency-key': 'replay-1' };
    const first = await create('u-1001', body, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await create('u-1001', body, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);

    const changed = await create('u-1001', { items: [{ productId: 'p-0020', quantity: 2 }] }, key);
    expect(changed.status).toBe(422);
    expect(changed.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    // The same key from another user is that user's own key.
    expect((await create('u-1002', body, key)).status).toBe(201);
  });

  it('creates exactly one order from 20 concurrent requests with one key', async () => {
    const before = (await call<OrderPage>(`${orders}/orders`, { headers: asUser('u-1003') })).body.total;
    const body = {
      items: [
        { productId: 'p-0030', quantity: 2 },
        { productId: 'p-0031', quantity: 1 },
      ],
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => create('u-1003', body, { 'idempotency-key': 'burst-1' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([...Array(19).fill(200), 201].sort());
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const after = (await call<OrderPage>(`${orders}/orders`, { headers: asUser('u-1003') })).body.total;
    expect(after).toBe(before + 1);
  });

  it('rejects a malformed Idempotency-Key', async () => {
    const { status } = await create(
      'u-1001',
      { items: [{ productId: 'p-0001', quantity: 1 }] },
      { 'idempotency-key': 'x'.repeat(300) },
    );
    expect(status).toBe(400);
  });
});
