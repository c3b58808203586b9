import type { AggregateResult } from '@concierge/shared/util-aggregation';
import type { Order, Product } from '@concierge/shared/util-contracts';
import { currencyOf, partialMetaOf, priceIn, toCompactProduct } from '../shared/compact.mapper';
import type { HomeParts } from './home.parts';
import type { HomeOrder, HomeView } from './home.view';

/** The response field a missing part leaves `null` (or, for thumbnails, leaves without pictures). */
const FIELD_OF_PART: Record<keyof HomeParts & string, string> = {
  profile: 'user',
  orders: 'orders',
  orderProducts: 'orders.thumb',
  recommendations: 'recommended',
  recommendedProducts: 'recommended',
};

function firstName(displayName: string): string {
  return displayName.trim().split(/\s+/)[0] ?? displayName;
}

function toHomeOrder(
  order: Order,
  thumbs: ReadonlyMap<string, string>,
  currency: string | undefined,
): HomeOrder {
  const first = order.items[0]?.productId;
  const total = priceIn(order.total, currency);
  return {
    id: order.id,
    status: order.status,
    total: total.price,
    ...(total.currency ? { currency: total.currency } : {}),
    thumb: (first && thumbs.get(first)) || null,
  };
}

/** Shapes the home screen's parts for a phone. Pure: the parts in, the view out. */
export function toHomeView({ data, meta }: AggregateResult<HomeParts>): HomeView {
  const profile = data.profile;
  if (!profile) throw new Error('The profile is a required part of the home screen');
  const thumbs = new Map(
    (data.orderProducts ?? []).map((product: Product) => [product.id, product.images.thumbnail]),
  );
  const byId = new Map((data.recommendedProducts ?? []).map((product) => [product.id, product]));
  const recommended =
    data.recommendations && data.recommendedProducts
      ? data.recommendations.productIds.flatMap((id) => byId.get(id) ?? [])
      : null;
  const orders = data.orders?.items ?? null;
  const currency = currencyOf([
    ...(orders ?? []).map((order) => order.total),
    ...(recommended ?? []).map((product) => product.price),
  ]);
  const _meta = partialMetaOf(meta.missing, FIELD_OF_PART);
  return {
    ...(currency ? { currency } : {}),
    user: { name: firstName(profile.displayName), avatar: profile.avatarUrl },
    orders: orders ? orders.map((order) => toHomeOrder(order, thumbs, currency)) : null,
    recommended: recommended ? recommended.map((product) => toCompactProduct(product, currency)) : null,
    ...(_meta ? { _meta } : {}),
  };
}
