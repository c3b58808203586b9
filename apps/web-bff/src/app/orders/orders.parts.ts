import type { Order, OrderPage, Product } from '@concierge/shared/util-contracts';

/** The order list: a page of orders, then the products they name in one batch. */
export interface OrderListParts {
  orders: OrderPage;
  products: Product[];
}

/** One order, then the products it names in one batch. */
export interface OrderDetailParts {
  order: Order;
  products: Product[];
}
