import type { AggregateResult } from '@concierge/shared/util-aggregation';
import type { Order } from '@concierge/shared/util-contracts';
import { currencyOf, partialMetaOf, priceIn } from '../shared/compact.mapper';
import { nextCursor, type OrdersCursor } from '../shared/page-cursors';
import type { OrdersPageParts } from './orders.parts';
import type { CreatedOrderView, OrderListItem, OrdersPageView } from './orders.view';

function toOrderListItem(
  order: Order,
  thumbs: ReadonlyMap<string, string>,
  currency: string | undefined,
): OrderListItem {
  const first = order.items[0]?.productId;
  const total = priceIn(order.total, currency);
  return {
    id: order.id,
    status: order.status,
    total: total.price,
    ...(total.currency ? { currency: total.currency } : {}),
    placedAt: order.createdAt,
    itemCount: order.items.reduce((sum, item) => sum + item.quantity, 0),
    thumb: (first && thumbs.get(first)) || null,
  };
}

/** A page of the caller's orders as a phone lists them, with the cursor of the next page. */
export function toOrdersPageView(
  { data, meta }: AggregateResult<OrdersPageParts>,
  cursor: OrdersCursor,
): OrdersPageView {
  const page = data.orders;
  if (!page) throw new Error('The orders are a required part of the order list');
  const thumbs = new Map((data.products ?? []).map((product) => [product.id, product.images.thumbnail]));
  const currency = currencyOf(page.items.map((order) => order.total));
  const _meta = partialMetaOf(meta.missing, { products: 'items.thumb' });
  return {
    ...(currency ? { currency } : {}),
    items: page.items.map((order) => toOrderListItem(order, thumbs, currency)),
    next: nextCursor(cursor, page.items.length, page.total),
    ...(_meta ? { _meta } : {}),
  };
}

/** The order the orders service created, compact. */
export function toCreatedOrderView(order: Order): CreatedOrderView {
  return {
    id: order.id,
    status: order.status,
    total: order.total.amount,
    currency: order.total.currency,
    placedAt: order.createdAt,
    items: order.items.map((item) => ({
      productId: item.productId,
      quantity: item.quantity,
      ...priceIn(item.unitPrice, order.total.currency),
    })),
  };
}
