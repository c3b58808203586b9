import type { OrderStatus } from '@concierge/shared/util-contracts';
import type { CompactProduct, PartialMeta } from '../shared/compact.view';

export interface HomeOrder {
  id: string;
  status: OrderStatus;
  total: number;
  currency?: string;
  /** The first product's thumbnail; null when the catalog did not answer in time. */
  thumb: string | null;
}

/**
 * `GET /api/home` for a phone: what its home screen shows and nothing more. Prices are numbers in
 * `currency` (absent when there is no price at all); `_meta` appears only when a part is missing.
 */
export interface HomeView {
  currency?: string;
  user: { name: string; avatar: string };
  orders: HomeOrder[] | null;
  recommended: CompactProduct[] | null;
  _meta?: PartialMeta;
}
