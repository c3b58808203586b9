import { aProduct, aStock } from '../testing/contract.fixtures';
import { toProductDetailView } from './product-detail.mapper';

describe(toProductDetailView.name, () => {
  const sut = toProductDetailView;

  it('shapes product, stock and related products, without SKUs', () => {
    const view = sut({
      data: {
        product: aProduct('p-1'),
        stock: aStock('p-1', 3),
        related: [aProduct('p-2'), aProduct('p-3')],
      },
      meta: { partial: false, missing: [] },
    });

    expect(view.product).toMatchObject({ id: 'p-1', name: 'Product p-1', specs: { colour: 'red' } });
    expect(view.product).not.toHaveProperty('sku');
    expect(view.stock).toEqual({ available: 3, warehouse: 'north', updatedAt: '2025-06-01T00:00:00.000Z' });
    expect(view.related?.map((product) => product.id)).toEqual(['p-2', 'p-3']);
    expect(view.related?.[0]).not.toHaveProperty('sku');
    expect(view._meta).toEqual({ partial: false, missing: [] });
  });

  it('keeps missing optional parts null and names them', () => {
    const view = sut({
      data: { product: aProduct('p-1'), stock: null, related: null },
      meta: { partial: true, missing: ['stock', 'related'] },
    });

    expect(view).toMatchObject({
      stock: null,
      related: null,
      _meta: { partial: true, missing: ['stock', 'related'] },
    });
  });

  it('refuses to shape a page without its product', () => {
    expect(() =>
      sut({ data: { product: null, stock: null, related: null }, meta: { partial: true, missing: [] } }),
    ).toThrow(/required/);
  });
});
