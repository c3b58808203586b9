import type { Money, Order, OrderItem, OrderPage } from '@concierge/shared/util-contracts';
import { FIRST_ORDER_NUMBER, orderId, orderTotal } from '../seed/orders.seed';

export interface NewOrder {
  userId: string;
  items: Array<{ productId: string; quantity: number }>;
}

/** Orders by user, newest first, priced from the catalog at creation time. */
export class OrdersStore {
  private readonly byId = new Map<string, Order>();
  private readonly byUser = new Map<string, Order[]>();
  private nextNumber: number;

  constructor(
    seeded: readonly Order[],
    private readonly priceOf: (productId: string) => Money | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {
    const newestFirst = [...seeded].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    for (const order of newestFirst) this.index(order, 'append');
    this.nextNumber = FIRST_ORDER_NUMBER + seeded.length;
  }

  get(id: string): Order | undefined {
    return this.byId.get(id);
  }

  page(userId: string, offset: number, limit: number): OrderPage {
    const all = this.byUser.get(userId) ?? [];
    return { items: all.slice(offset, offset + limit), total: all.length, offset, limit };
  }

  /** Index of the first item whose product the catalog does not know, or -1. */
  unknownItem(order: NewOrder): number {
    return order.items.findIndex((i) => this.priceOf(i.productId) === undefined);
  }

  create(order: NewOrder): Order {
    const items: OrderItem[] = order.items.map((i) => {
      const price = this.priceOf(i.productId);
      if (!price) throw new Error(`unknown product ${i.productId}`);
      return { productId: i.productId, quantity: i.quantity, unitPrice: { ...price } };
    });
    const created: Order = {
      id: orderId(this.nextNumber++),
      userId: order.userId,
      status: 'pending',
      items,
      total: orderTotal(items),
      createdAt: this.now().toISOString(),
    };
    this.index(created, 'prepend');
    return created;
  }

  private index(order: Order, where: 'append' | 'prepend'): void {
    this.byId.set(order.id, order);
    const list = this.byUser.get(order.userId) ?? [];
    if (where === 'append') list.push(order);
    else list.unshift(order);
    this.byUser.set(order.userId, list);
  }
}
