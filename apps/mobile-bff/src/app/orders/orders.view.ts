import type { OrderStatus } from '@concierge/shared/util-contracts';
import type { PartialMeta } from '../shared/compact.view';

/** An order as a row of the phone's order list. */
export interface OrderListItem {
  id: string;
  status: OrderStatus;
  total: number;
  currency?: string;
  placedAt: string;
  /** Units ordered, all lines together. */
  itemCount: number;
  /** The first product's thumbnail; null when the catalog did not answer in time. */
  thumb: string | null;
}

/** `GET /api/orders`: one page; `next` is the cursor of the following page, `null` on the last. */
export interface OrdersPageView {
  currency?: string;
  items: OrderListItem[];
  next: string | null;
  _meta?: PartialMeta;
}

/** `POST /api/orders`: the order as created (or, for a repeated `Idempotency-Key`, as first created). */
export interface CreatedOrderView {
  id: string;
  status: OrderStatus;
  total: number;
  currency: string;
  placedAt: string;
  items: Array<{ productId: string; quantity: number; price: number; currency?: string }>;
}

/** What the controller needs to answer a create: the status and replay flag the orders service gave. */
export interface OrderCreation {
  status: 200 | 201;
  replayed: boolean;
  order: CreatedOrderView;
}
