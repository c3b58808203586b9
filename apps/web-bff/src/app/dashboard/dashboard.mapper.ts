import type { AggregateResult } from '@concierge/shared/util-aggregation';
import type { Order, Product } from '@concierge/shared/util-contracts';
import type { DashboardParts } from './dashboard.parts';
import type { DashboardOrder, DashboardView } from './dashboard.view';

function toOrder(order: Order, products: ReadonlyMap<string, Product>): DashboardOrder {
  return {
    id: order.id,
    status: order.status,
    createdAt: order.createdAt,
    total: order.total,
    items: order.items.map((item) => {
      const product = products.get(item.productId);
      return {
        quantity: item.quantity,
        unitPrice: item.unitPrice,
        product: product
          ? {
              id: product.id,
              name: product.name,
              brand: product.brand,
              images: product.images,
              price: product.price,
            }
          : null,
      };
    }),
  };
}

/** Shapes the dashboard's parts for the browser. Pure: the parts in, the view out. */
export function toDashboardView({ data, meta }: AggregateResult<DashboardParts>): DashboardView {
  const profile = data.profile;
  if (!profile) throw new Error('The profile is a required part of the dashboard');
  const products = new Map((data.orderProducts ?? []).map((product) => [product.id, product]));
  const recommended = new Map((data.recommendedProducts ?? []).map((product) => [product.id, product]));
  return {
    user: {
      id: profile.id,
      displayName: profile.displayName,
      email: profile.email,
      avatarUrl: profile.avatarUrl,
      tier: profile.tier,
      memberSince: profile.memberSince,
      preferences: profile.preferences,
    },
    recentOrders: data.orders ? data.orders.items.map((order) => toOrder(order, products)) : null,
    recommendations:
      data.recommendations && data.recommendedProducts
        ? data.recommendations.productIds.flatMap((id) => recommended.get(id) ?? [])
        : null,
    _meta: { partial: meta.partial, missing: meta.missing },
  };
}
