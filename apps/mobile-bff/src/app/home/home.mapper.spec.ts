import type { AggregateResult } from '@concierge/shared/util-aggregation';
import { order, product, profile } from '../shared/fixtures.spec-helper';
import type { HomeParts } from './home.parts';
import { toHomeView } from './home.mapper';

function parts(
  data: Partial<AggregateResult<HomeParts>['data']>,
  missing: Array<keyof HomeParts> = [],
): AggregateResult<HomeParts> {
  return {
    data: {
      profile: null,
      orders: null,
      recommendations: null,
      orderProducts: null,
      recommendedProducts: null,
      ...data,
    },
    meta: { partial: missing.length > 0, missing },
  };
}

describe(toHomeView.name, () => {
  const sut = toHomeView;
  const complete = parts({
    profile: profile(),
    orders: {
      items: [order('o-1', ['p-1', 'p-2']), order('o-2', ['p-3'], { status: 'pending' })],
      total: 9,
      offset: 0,
      limit: 3,
    },
    orderProducts: [product('p-1'), product('p-3')],
    recommendations: { userId: 'u-1', productIds: ['p-9', 'p-8', 'p-gone'] },
    recommendedProducts: [product('p-8'), product('p-9', { price: { amount: 5, currency: 'EUR' } })],
  });

  it("shows first name, avatar, orders with their first product's thumbnail, recommendations in order", () => {
    expect(sut(complete)).toEqual({
      currency: 'EUR',
      user: { name: 'Alice', avatar: 'https://cdn.example/avatars/u-1.png' },
      orders: [
        { id: 'o-1', status: 'shipped', total: 20, thumb: 'https://img.example/p-1/thumbnail.jpg' },
        { id: 'o-2', status: 'pending', total: 10, thumb: 'https://img.example/p-3/thumbnail.jpg' },
      ],
      recommended: [
        { id: 'p-9', name: 'Product p-9', price: 5, thumb: 'https://img.example/p-9/thumbnail.jpg' },
        { id: 'p-8', name: 'Product p-8', price: 19.99, thumb: 'https://img.example/p-8/thumbnail.jpg' },
      ],
    });
  });

  it('carries no email, address, preferences, descriptions or large images', () => {
    const json = JSON.stringify(sut(complete));
    for (const word of ['email', 'address', 'preferences', 'description', 'large', 'medium', 'sku', '_meta'])
      expect(json).not.toContain(word);
  });

  it('leaves the orders null and names them when the orders part is missing', () => {
    const view = sut({
      ...complete,
      data: { ...complete.data, orders: null, orderProducts: null },
      meta: { partial: true, missing: ['orders', 'orderProducts'] },
    });
    expect(view.orders).toBeNull();
    expect(view.recommended).toHaveLength(2);
    expect(view._meta).toEqual({ partial: true, missing: ['orders'] });
  });

  it('keeps the orders without pictures when only their products are missing', () => {
    const view = sut({
      ...complete,
      data: { ...complete.data, orderProducts: null },
      meta: { partial: true, missing: ['orderProducts'] },
    });
    expect(view.orders?.map((o) => o.thumb)).toEqual([null, null]);
    expect(view._meta).toEqual({ partial: true, missing: ['orders.thumb'] });
  });

  it('leaves the recommendations null when their products are missing, and has no currency without prices', () => {
    const view = sut(
      parts({ profile: profile(), recommendations: { userId: 'u-1', productIds: ['p-1'] } }, [
        'orders',
        'orderProducts',
        'recommendedProducts',
      ]),
    );
    expect(view.recommended).toBeNull();
    expect(view.currency).toBeUndefined();
    expect(view._meta?.missing).toEqual(['orders', 'recommended']);
  });

  it('refuses to shape a home screen without the profile', () => {
    expect(() => sut(parts({}))).toThrow('profile');
  });
});
