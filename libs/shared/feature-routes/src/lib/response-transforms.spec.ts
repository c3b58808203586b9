import { transformBody, transformResponseHeaders } from './response-transforms';

const order = {
  id: 'o-1',
  total: 42,
  customer: { id: 'u-1', email: 'alice@example.com', internalScore: 7 },
  items: [
    { sku: 'a', price: 10, cost: 4 },
    { sku: 'b', price: 32, cost: 20 },
  ],
};

describe(transformBody.name, () => {
  it('keeps only allowed fields, nested and across collections', () => {
    expect(transformBody(order, { allow: ['id', 'customer.id', 'items.*.sku'] })).toEqual({
      id: 'o-1',
      customer: { id: 'u-1' },
      items: [{ sku: 'a' }, { sku: 'b' }],
    });
  });

  it('drops denied fields, nested and across collections, without touching the input', () => {
    const input = structuredClone(order);
    expect(transformBody(input, { deny: ['customer.internalScore', 'items.*.cost'] })).toEqual({
      ...order,
      customer: { id: 'u-1', email: 'alice@example.com' },
      items: [
        { sku: 'a', price: 10 },
        { sku: 'b', price: 32 },
      ],
    });
    expect(input).toEqual(order);
  });

  it('renames fields, moving them across levels and inside every element', () => {
    expect(
      transformBody(order, {
        rename: { 'customer.email': 'email', 'items.*.sku': 'items.*.code' },
        allow: ['customer.email', 'items.*.sku'],
      }),
    ).toEqual({
      email: 'alice@example.com',
      customer: {},
      items: [{ code: 'a' }, { code: 'b' }],
    });
  });

  it('wraps the body under a key', () => {
    expect(transformBody([1, 2], { wrap: 'data' })).toEqual({ data: [1, 2] });
  });

  it('extracts a target and shapes a top-level collection element by element', () => {
    expect(
      transformBody(
        {
          data: {
            products: [
              { id: 1, secret: 'x' },
              { id: 2, secret: 'y' },
            ],
          },
        },
        { target: 'data.products', deny: ['secret'] },
      ),
    ).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('flattens a collection of collections into one list', () => {
    const body = { orders: [{ items: [{ sku: 'a' }, { sku: 'b' }] }, { items: [{ sku: 'c' }] }] };
    expect(
      transformBody(body, { flatten: { path: 'orders.*.items.*.sku', as: 'skus' }, allow: ['skus'] }),
    ).toEqual({ skus: ['a', 'b', 'c'] });
    expect(
      transformBody(body, { flatten: { path: 'orders.*.items', as: 'items' }, deny: ['orders'] }),
    ).toEqual({
      items: [{ sku: 'a' }, { sku: 'b' }, { sku: 'c' }],
    });
  });

  it('leaves paths that do not exist alone', () => {
    expect(
      transformBody({ a: 1 }, { deny: ['b.c', 'x.*.y'], rename: { 'q.r': 's' }, allow: ['a', 'z.y'] }),
    ).toEqual({ a: 1 });
  });
});

describe(transformResponseHeaders.name, () => {
  it('removes and sets headers, case-insensitively', () => {
    expect(
      transformResponseHeaders(
        { 'x-internal': '1', etag: '"a"' },
        { remove: ['X-Internal'], set: { 'Cache-Control': 'no-store' } },
      ),
    ).toEqual({
      etag: '"a"',
      'cache-control': 'no-store',
    });
  });
});
