import type { Order, OrderItem, OrderStatus, Product, UserProfile } from '@concierge/shared/util-contracts';
import { SeededRandom } from './prng';
import { CURRENCY, DAY_MS, SEED_EPOCH_MS, centsToAmount } from './seed.constants';

/** The demo story wants alice with a long history and bob with a short one. */
const FIXED_ORDER_COUNTS: Record<string, number> = { 'u-1000': 0, 'u-1001': 12, 'u-1002': 5 };

export const FIRST_ORDER_NUMBER = 100001;

export function orderId(n: number): string {
  return `o-${n}`;
}

/** Totals are summed in cents, exactly as the orders service does for new orders. */
export function orderTotal(items: OrderItem[]): Order['total'] {
  const cents = items.reduce((sum, i) => sum + Math.round(i.unitPrice.amount * 100) * i.quantity, 0);
  return { amount: centsToAmount(cents), currency: CURRENCY };
}

function statusForAge(rng: SeededRandom, ageDays: number): OrderStatus {
  if (rng.chance(0.06)) return 'cancelled';
  if (ageDays > 14) return 'delivered';
  if (ageDays > 5) return 'shipped';
  return ageDays > 1 ? 'paid' : 'pending';
}

/** Past orders for every user, priced from the seeded catalog; ids are sequential in creation order. */
export function seedOrders(seed: number, users: UserProfile[], products: Product[]): Order[] {
  const rng = new SeededRandom(seed, 'orders');
  const drafts: Array<Omit<Order, 'id'>> = [];
  for (const user of users) {
    const count = FIXED_ORDER_COUNTS[user.id] ?? rng.int(0, 6);
    for (let i = 0; i < count; i++) {
      const ageDays = rng.int(0, 365);
      const items: OrderItem[] = rng.sample(products, rng.int(1, 4)).map((p) => ({
        productId: p.id,
        quantity: rng.int(1, 3),
        unitPrice: { ...p.price },
      }));
      drafts.push({
        userId: user.id,
        status: statusForAge(rng, ageDays),
        items,
        total: orderTotal(items),
        createdAt: new Date(SEED_EPOCH_MS - ageDays * DAY_MS - rng.int(0, 86_399) * 1000).toISOString(),
      });
    }
  }
  drafts.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return drafts.map((d, i) => ({ id: orderId(FIRST_ORDER_NUMBER + i), ...d }));
}
