import { aProduct, aStock } from '../testing/contract.fixtures';
import { toProductListView } from './product-list.mapper';

describe(toProductListView.name, () => {
  const sut = toProductListView;
  const page = { items: [aProduct('p-1'), aProduct('p-2')], total: 42, offset: 20, limit: 2 };

  it('puts each product beside its own stock, keeping the page', () => {
    const view = sut({
      data: { page, stock: [aStock('p-2', 0), aStock('p-1', 9)] },
      meta: { partial: false, missing: [] },
    });

    expect(view.items.map((item) => [item.id, item.stock?.available])).toEqual([
      ['p-1', 9],
      ['p-2', 0],
    ]);
    expect(view).toMatchObject({ total: 42, offset: 20, limit: 2, _meta: { partial: false, missing: [] } });
  });

  it('leaves out the internal SKU and the stock row’s product id', () => {
    const view = sut({ data: { page, stock: [aStock('p-1')] }, meta: { partial: false, missing: [] } });

    expect(view.items[0]).not.toHaveProperty('sku');
    expect(view.items[0].stock).toEqual({
      available: 7,
      warehouse: 'north',
      updatedAt: '2025-06-01T00:00:00.000Z',
    });
  });

  it('gives every item a null stock when the stock part is missing, and says so', () => {
    const view = sut({ data: { page, stock: null }, meta: { partial: true, missing: ['stock'] } });

    expect(view.items.map((item) => item.stock)).toEqual([null, null]);
    expect(view._meta).toEqual({ partial: true, missing: ['stock'] });
  });

  it('gives a null stock to a product the stock batch did not cover', () => {
    const view = sut({ data: { page, stock: [aStock('p-1')] }, meta: { partial: false, missing: [] } });

    expect(view.items[1].stock).toBeNull();
  });

  it('refuses to shape a list without its page', () => {
    expect(() =>
      sut({ data: { page: null, stock: null }, meta: { partial: true, missing: ['page'] } }),
    ).toThrow(/required/);
  });
});
