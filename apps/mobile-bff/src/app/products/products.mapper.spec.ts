import { decodeCursor } from '../shared/cursor.codec';
import { product } from '../shared/fixtures.spec-helper';
import { readProductsCursor } from '../shared/page-cursors';
import { shorten, toProductDetailView, toProductsPageView } from './products.mapper';

describe(toProductsPageView.name, () => {
  const sut = toProductsPageView;

  it("lists id, name, price, thumbnail and rating, with the next page's cursor keeping the filters", () => {
    const view = sut(
      { items: [product('p-1'), product('p-2')], total: 5, offset: 0, limit: 2 },
      { kind: 'products', offset: 0, category: 'audio' },
    );
    expect(view.currency).toBe('EUR');
    expect(view.items[0]).toEqual({
      id: 'p-1',
      name: 'Product p-1',
      price: 19.99,
      thumb: 'https://img.example/p-1/thumbnail.jpg',
      rating: 4.5,
    });
    expect(decodeCursor(view.next as string, readProductsCursor)).toEqual({
      kind: 'products',
      offset: 2,
      category: 'audio',
    });
  });

  it('has no next cursor on the last page', () => {
    expect(
      sut({ items: [product('p-5')], total: 5, offset: 4, limit: 2 }, { kind: 'products', offset: 4 }).next,
    ).toBeNull();
  });
});

describe(shorten.name, () => {
  it('leaves short text as it is', () => {
    expect(shorten('  Small and loud.  ')).toBe('Small and loud.');
  });

  it('cuts long text at a word within the limit, with an ellipsis', () => {
    const text = 'word '.repeat(100);
    const short = shorten(text, 200);
    expect(short.length).toBeLessThanOrEqual(200);
    expect(short).toMatch(/word…$/);
  });
});

describe(toProductDetailView.name, () => {
  const sut = toProductDetailView;
  const item = product('p-1', {
    description: 'x'.repeat(500),
    specs: { a: '1', b: '2', c: '3', d: '4', e: '5' },
  });

  it('shows the essentials, a medium image, a short description, four specs and the stock flag', () => {
    const view = sut({
      data: { product: item, stock: { productId: 'p-1', available: 0, warehouse: 'w', updatedAt: '' } },
      meta: { partial: false, missing: [] },
    });
    expect(view).toMatchObject({
      id: 'p-1',
      price: 19.99,
      currency: 'EUR',
      thumb: item.images.thumbnail,
      image: item.images.medium,
      rating: 4.5,
      inStock: false,
    });
    expect(view.description.length).toBeLessThanOrEqual(200);
    expect(view.specs).toEqual({ a: '1', b: '2', c: '3', d: '4' });
    expect(view._meta).toBeUndefined();
    expect(JSON.stringify(view)).not.toContain('large');
  });

  it('says the stock is unknown, not absent, when the stock call is missing', () => {
    const view = sut({ data: { product: item, stock: null }, meta: { partial: true, missing: ['stock'] } });
    expect(view.inStock).toBeNull();
    expect(view._meta).toEqual({ partial: true, missing: ['inStock'] });
  });
});
