import { aProduct, anOrder } from '../testing/contract.fixtures';
import { productIdsOf, toCreatedOrderView, toOrderDetailView, toOrderListView } from './orders.mapper';

describe(productIdsOf.name, () => {
  const sut = productIdsOf;

  it('names every product of every order once, for one batch call', () => {
    expect(sut([anOrder('o-1', ['p-1', 'p-2']), anOrder('o-2', ['p-2', 'p-3'])])).toEqual([
      'p-1',
      'p-2',
      'p-3',
    ]);
  });
});

describe(toOrderListView.name, () => {
  const sut = toOrderListView;
  const orders = {
    items: [anOrder('o-1', ['p-1', 'p-2']), anOrder('o-2', ['p-2'])],
    total: 12,
    offset: 0,
    limit: 2,
  };

  it('gives each line its product’s name and images, and keeps the page', () => {
    const view = sut({
      data: { orders, products: [aProduct('p-1'), aProduct('p-2')] },
      meta: { partial: false, missing: [] },
    });

    expect(view.items[0].items[1]).toEqual({
      productId: 'p-2',
      quantity: 2,
      unitPrice: { amount: 5, currency: 'EUR' },
      product: { id: 'p-2', name: 'Product p-2', images: aProduct('p-2').images },
    });
    expect(view.items[1].items[0].product?.name).toBe('Product p-2');
    expect(view).toMatchObject({ total: 12, offset: 0, limit: 2, _meta: { partial: false, missing: [] } });
  });

  it('does not hand the buyer’s id back to the buyer', () => {
    const view = sut({ data: { orders, products: [] }, meta: { partial: false, missing: [] } });

    expect(view.items[0]).not.toHaveProperty('userId');
  });

  it('still lists the orders when the products are missing, each line’s product null', () => {
    const view = sut({ data: { orders, products: null }, meta: { partial: true, missing: ['products'] } });

    expect(view.items.flatMap((order) => order.items.map((line) => line.product))).toEqual([
      null,
      null,
      null,
    ]);
    expect(view.items[0].items[0].productId).toBe('p-1');
    expect(view._meta).toEqual({ partial: true, missing: ['products'] });
  });

  it('refuses to shape a list without its orders', () => {
    expect(() =>
      sut({ data: { orders: null, products: null }, meta: { partial: true, missing: [] } }),
    ).toThrow(/required/);
  });
});

describe(toOrderDetailView.name, () => {
  const sut = toOrderDetailView;

  it('shapes one order with its products', () => {
    const view = sut({
      data: { order: anOrder('o-9', ['p-1']), products: [aProduct('p-1')] },
      meta: { partial: false, missing: [] },
    });

    expect(view.order).toMatchObject({
      id: 'o-9',
      status: 'paid',
      items: [{ product: { id: 'p-1', name: 'Product p-1' } }],
    });
    expect(view._meta).toEqual({ partial: false, missing: [] });
  });

  it('refuses to shape a page without its order', () => {
    expect(() =>
      sut({ data: { order: null, products: null }, meta: { partial: true, missing: [] } }),
    ).toThrow(/required/);
  });
});

describe(toCreatedOrderView.name, () => {
  const sut = toCreatedOrderView;

  it('keeps what the buyer needs of the recorded order and drops their id', () => {
    const view = sut(anOrder('o-7', ['p-1']));

    expect(view).toEqual({
      id: 'o-7',
      status: 'paid',
      createdAt: '2025-05-01T00:00:00.000Z',
      total: { amount: 10, currency: 'EUR' },
      items: [{ productId: 'p-1', quantity: 2, unitPrice: { amount: 5, currency: 'EUR' } }],
    });
  });
});
