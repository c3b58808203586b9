import { decodeCursor } from '../shared/cursor.codec';
import { order, product } from '../shared/fixtures.spec-helper';
import { readOrdersCursor } from '../shared/page-cursors';
import { toCreatedOrderView, toOrdersPageView } from './orders.mapper';

describe(toOrdersPageView.name, () => {
  const sut = toOrdersPageView;
  const page = {
    items: [order('o-1', ['p-1', 'p-2']), order('o-2', ['p-3'])],
    total: 3,
    offset: 0,
    limit: 2,
  };

  it("lists each order with status, total, date, units and its first product's thumbnail", () => {
    const view = sut(
      {
        data: { orders: page, products: [product('p-1'), product('p-3')] },
        meta: { partial: false, missing: [] },
      },
      { kind: 'orders', offset: 0 },
    );
    expect(view.currency).toBe('EUR');
    expect(view.items[0]).toEqual({
      id: 'o-1',
      status: 'shipped',
      total: 20,
      placedAt: '2024-02-01T10:00:00.000Z',
      itemCount: 4,
      thumb: 'https://img.example/p-1/thumbnail.jpg',
    });
    expect(decodeCursor(view.next as string, readOrdersCursor)).toEqual({ kind: 'orders', offset: 2 });
    expect(view._meta).toBeUndefined();
  });

  it('keeps the orders without pictures when the catalog is missing', () => {
    const view = sut(
      { data: { orders: page, products: null }, meta: { partial: true, missing: ['products'] } },
      { kind: 'orders', offset: 0 },
    );
    expect(view.items.map((item) => item.thumb)).toEqual([null, null]);
    expect(view._meta).toEqual({ partial: true, missing: ['items.thumb'] });
  });
});

describe(toCreatedOrderView.name, () => {
  it("gives the order compact, prices as numbers in the order's currency", () => {
    expect(toCreatedOrderView(order('o-9', ['p-1']))).toEqual({
      id: 'o-9',
      status: 'shipped',
      total: 10,
      currency: 'EUR',
      placedAt: '2024-02-01T10:00:00.000Z',
      items: [{ productId: 'p-1', quantity: 2, price: 5 }],
    });
  });
});
