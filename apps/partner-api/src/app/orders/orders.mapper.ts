import type { Order, OrderPage } from '@concierge/shared/util-contracts';
import { nextPageCursor } from '../shared/page-cursor';
import type { OrderDto, OrderPageDto } from './order.dto';

/** An order as partners see it: no internal account id. */
export function toOrderDto(order: Order): OrderDto {
  return {
    id: order.id,
    status: order.status,
    items: order.items.map((item) => ({
      productId: item.productId,
      quantity: item.quantity,
      unitPrice: { amount: item.unitPrice.amount, currency: item.unitPrice.currency },
    })),
    total: { amount: order.total.amount, currency: order.total.currency },
    createdAt: order.createdAt,
  };
}

export function toOrderPageDto(page: OrderPage): OrderPageDto {
  return {
    items: page.items.map(toOrderDto),
    next: nextPageCursor(page.offset, page.items.length, page.total),
  };
}
