import type { OrderStatus } from '@concierge/shared/util-contracts';
import { PartialMeta } from '../shared/compact.view';

/** An order as a row of the phone's order list. */
export class OrderListItem {
  /** @example "o-10042" */
  id!: string;
  /** @example "shipped" */
  status!: OrderStatus;
  /** @example 259.8 */
  total!: number;
  /** Only when it differs from the page's. @example "USD" */
  currency?: string;
  /** @example "2026-12-01T10:00:00.000Z" */
  placedAt!: string;
  /** Units ordered, all lines together. @example 2 */
  itemCount!: number;
  /** The first product's thumbnail; null when the catalog did not answer in time. */
  thumb!: string | null;
}

/** `GET /api/orders`: one page; `next` is the cursor of the following page, `null` on the last. */
export class OrdersPageView {
  /** @example "EUR" */
  currency?: string;
  items!: OrderListItem[];
  /** @example "eyJvIjoyMH0" */
  next!: string | null;
  _meta?: PartialMeta;
}

/** A line of a created order. */
export class CreatedOrderItem {
  /** @example "p-0001" */
  productId!: string;
  /** @example 2 */
  quantity!: number;
  /** @example 129.9 */
  price!: number;
  /** Only when it differs from the order's. @example "USD" */
  currency?: string;
}

/** `POST /api/orders`: the order as created (or, for a repeated `Idempotency-Key`, as first created). */
export class CreatedOrderView {
  /** @example "o-10042" */
  id!: string;
  /** @example "pending" */
  status!: OrderStatus;
  /** @example 259.8 */
  total!: number;
  /** @example "EUR" */
  currency!: string;
  /** @example "2026-12-01T10:00:00.000Z" */
  placedAt!: string;
  items!: CreatedOrderItem[];
}

/** What the controller needs to answer a create: the status and replay flag the orders service gave. */
export interface OrderCreation {
  status: 200 | 201;
  replayed: boolean;
  order: CreatedOrderView;
}
