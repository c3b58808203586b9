import type { OrderStatus } from '@concierge/shared/util-contracts';
import { MoneyView, ProductImagesView } from '../common/catalog.view';
import { PartialMeta } from '../common/partial-meta.view';

/** What an order line shows of its product. */
export class OrderProductView {
  /** @example "p-0001" */
  id!: string;
  /** @example "Aurora wireless headphones" */
  name!: string;
  images!: ProductImagesView;
}

/** A line of a placed order, at the price it was placed at. */
export class CreatedOrderItemView {
  /** @example "p-0001" */
  productId!: string;
  /** @example 2 */
  quantity!: number;
  unitPrice!: MoneyView;
}

export class OrderItemView extends CreatedOrderItemView {
  /** Null when the catalog did not answer in time (or no longer knows the product); the line still shows. */
  product!: OrderProductView | null;
}

export class OrderView {
  /** @example "o-10042" */
  id!: string;
  /** @example "pending" */
  status!: OrderStatus;
  /** @example "2026-12-01T10:00:00.000Z" */
  createdAt!: string;
  total!: MoneyView;
  items!: OrderItemView[];
}

/** `GET /api/orders`: the caller's orders, newest first, a page at a time. */
export class OrderListView {
  items!: OrderView[];
  /** @example 3 */
  total!: number;
  /** @example 0 */
  offset!: number;
  /** @example 20 */
  limit!: number;
  _meta!: PartialMeta;
}

/** `GET /api/orders/:id`. */
export class OrderDetailView {
  order!: OrderView;
  _meta!: PartialMeta;
}

/** `POST /api/orders`: the order as the orders service recorded it (no catalog call on the write path). */
export class CreatedOrderView {
  /** @example "o-10042" */
  id!: string;
  /** @example "pending" */
  status!: OrderStatus;
  /** @example "2026-12-01T10:00:00.000Z" */
  createdAt!: string;
  total!: MoneyView;
  items!: CreatedOrderItemView[];
}
