import type { OrderPage, Product } from '@concierge/shared/util-contracts';

/** A page of orders (required) and the products whose thumbnails they show (optional). */
export interface OrdersPageParts {
  orders: OrderPage;
  products: Product[];
}
