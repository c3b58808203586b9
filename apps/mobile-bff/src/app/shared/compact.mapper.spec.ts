import { currencyOf, partialMetaOf, priceIn, toCompactProduct } from './compact.mapper';
import { product } from './fixtures.spec-helper';

describe(toCompactProduct.name, () => {
  const sut = toCompactProduct;

  it('keeps id, name, the price as a number and the thumbnail only', () => {
    expect(sut(product('p-1'), 'EUR')).toEqual({
      id: 'p-1',
      name: 'Product p-1',
      price: 19.99,
      thumb: 'https://img.example/p-1/thumbnail.jpg',
    });
  });

  it("states a currency on the item only when it differs from the response's", () => {
    expect(sut(product('p-1', { price: { amount: 3, currency: 'GBP' } }), 'EUR')).toMatchObject({
      price: 3,
      currency: 'GBP',
    });
  });
});

describe(currencyOf.name, () => {
  it("is the first price's currency, and absent without prices", () => {
    expect(currencyOf([null, { amount: 1, currency: 'EUR' }, { amount: 2, currency: 'GBP' }])).toBe('EUR');
    expect(currencyOf([])).toBeUndefined();
  });
});

describe(priceIn.name, () => {
  it('is a bare number in the response currency', () => {
    expect(priceIn({ amount: 12.5, currency: 'EUR' }, 'EUR')).toEqual({ price: 12.5 });
  });
});

describe(partialMetaOf.name, () => {
  const sut = partialMetaOf;

  it('is absent when nothing is missing', () => {
    expect(sut([], {})).toBeUndefined();
  });

  it('names the response fields the missing parts leave empty, once each', () => {
    expect(
      sut(['recommendations', 'recommendedProducts', 'other'], {
        recommendations: 'recommended',
        recommendedProducts: 'recommended',
      }),
    ).toEqual({
      partial: true,
      missing: ['recommended', 'other'],
    });
  });

  it('does not name a field inside one that is missing altogether', () => {
    expect(
      sut(['orderProducts', 'orders'], { orders: 'orders', orderProducts: 'orders.thumb' })?.missing,
    ).toEqual(['orders']);
  });
});
