import type { Money } from './catalog.contract';

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

export interface OrderItem {
  productId: string;
  quantity: number;
  unitPrice: Money;
}

export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  items: OrderItem[];
  total: Money;
  createdAt: string;
}

/** `POST /orders` body. The `Idempotency-Key` header makes a retried create return the first order. */
export interface CreateOrderRequest {
  /** Only for internal callers: behind a gateway the buyer is the verified caller (`x-user-id`). */
  userId?: string;
  items: Array<{ productId: string; quantity: number }>;
}

/** `GET /orders?userId=&limit=&offset=` */
export interface OrderPage {
  items: Order[];
  total: number;
  offset: number;
  limit: number;
}
