import type { OrderStatus } from '@concierge/shared/util-contracts';
import { CompactProduct, PartialMeta } from '../shared/compact.view';

export class HomeOrder {
  /** @example "o-10042" */
  id!: string;
  /** @example "shipped" */
  status!: OrderStatus;
  /** @example 259.8 */
  total!: number;
  /** Only when it differs from the screen's. @example "USD" */
  currency?: string;
  /** The first product's thumbnail; null when the catalog did not answer in time. */
  thumb!: string | null;
}

export class HomeUser {
  /** @example "Alice" */
  name!: string;
  /** @example "https://img.concierge.example/avatars/u-1001.png" */
  avatar!: string;
}

/**
 * `GET /api/home` for a phone: what its home screen shows and nothing more. Prices are numbers in
 * `currency` (absent when there is no price at all); `_meta` appears only when a part is missing.
 */
export class HomeView {
  /** @example "EUR" */
  currency?: string;
  user!: HomeUser;
  orders!: HomeOrder[] | null;
  recommended!: CompactProduct[] | null;
  _meta?: PartialMeta;
}
