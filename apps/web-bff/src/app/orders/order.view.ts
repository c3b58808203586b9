import type { Money, OrderStatus, Product } from '@concierge/shared/util-contracts';
import type { PartialMeta } from '../common/partial-meta.view';

/** What an order line shows of its product. */
export type OrderProductView = Pick<Product, 'id' | 'name' | 'images'>;

export interface OrderItemView {
  productId: string;
  quantity: number;
  unitPrice: Money;
  /** Null when the catalog did not answer in time (or no longer knows the product); the line still shows. */
  product: OrderProductView | null;
}

export interface OrderView {
  id: string;
  status: OrderStatus;
  createdAt: string;
  total: Money;
  items: OrderItemView[];
}

/** `GET /api/orders`: the caller's orders, newest first, a page at a time. */
export interface OrderListView {
  items: OrderView[];
  total: number;
  offset: number;
  limit: number;
  _meta: PartialMeta;
}

/** `GET /api/orders/:id`. */
export interface OrderDetailView {
  order: OrderView;
  _meta: PartialMeta;
}

/** `POST /api/orders`: the order as the orders service recorded it (no catalog call on the write path). */
export interface CreatedOrderView {
  id: string;
  status: OrderStatus;
  createdAt: string;
  total: Money;
  items: Array<Omit<OrderItemView, 'product'>>;
}
