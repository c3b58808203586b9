import type { AggregateResult } from '@concierge/shared/util-aggregation';
import type { Order, Product } from '@concierge/shared/util-contracts';
import type { OrderDetailParts, OrderListParts } from './orders.parts';
import type { CreatedOrderView, OrderDetailView, OrderListView, OrderView } from './order.view';

/** The ids of every product the orders name, once each: the one batch call's argument. */
export function productIdsOf(orders: readonly Order[]): string[] {
  return [...new Set(orders.flatMap((order) => order.items.map((item) => item.productId)))];
}

function toOrderView(order: Order, products: ReadonlyMap<string, Product>): OrderView {
  return {
    id: order.id,
    status: order.status,
    createdAt: order.createdAt,
    total: order.total,
    items: order.items.map((item) => {
      const product = products.get(item.productId);
      return {
        productId: item.productId,
        quantity: item.quantity,
        unitPrice: item.unitPrice,
        product: product ? { id: product.id, name: product.name, images: product.images } : null,
      };
    }),
  };
}

const byId = (products: readonly Product[] | null) =>
  new Map((products ?? []).map((product) => [product.id, product]));

/** Shapes a page of orders with their products for the browser. Pure: the parts in, the view out. */
export function toOrderListView({ data, meta }: AggregateResult<OrderListParts>): OrderListView {
  if (!data.orders) throw new Error('The orders are a required part of the order list');
  const products = byId(data.products);
  return {
    items: data.orders.items.map((order) => toOrderView(order, products)),
    total: data.orders.total,
    offset: data.orders.offset,
    limit: data.orders.limit,
    _meta: { partial: meta.partial, missing: meta.missing },
  };
}

/** Shapes one order with its products for the browser. Pure: the parts in, the view out. */
export function toOrderDetailView({ data, meta }: AggregateResult<OrderDetailParts>): OrderDetailView {
  if (!data.order) throw new Error('The order is a required part of the order page');
  return {
    order: toOrderView(data.order, byId(data.products)),
    _meta: { partial: meta.partial, missing: meta.missing },
  };
}

/** The order the service just recorded (or replayed), without the buyer's id the caller already knows. */
export function toCreatedOrderView(order: Order): CreatedOrderView {
  return {
    id: order.id,
    status: order.status,
    createdAt: order.createdAt,
    total: order.total,
    items: order.items.map(({ productId, quantity, unitPrice }) => ({ productId, quantity, unitPrice })),
  };
}
