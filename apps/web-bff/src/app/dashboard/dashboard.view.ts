import type { Money, OrderStatus, Product, UserPreferences } from '@concierge/shared/util-contracts';
import type { PartialMeta } from '../common/partial-meta.view';

export interface DashboardOrderItem {
  quantity: number;
  unitPrice: Money;
  /** Null when the catalog did not answer in time; the order is still shown. */
  product: Pick<Product, 'id' | 'name' | 'brand' | 'images' | 'price'> | null;
}

export interface DashboardOrder {
  id: string;
  status: OrderStatus;
  createdAt: string;
  total: Money;
  items: DashboardOrderItem[];
}

/** `GET /api/dashboard` for the browser: rich, everything a page needs in one round trip. */
export interface DashboardView {
  user: {
    id: string;
    displayName: string;
    email: string;
    avatarUrl: string;
    tier: string;
    memberSince: string;
    preferences: UserPreferences;
  };
  recentOrders: DashboardOrder[] | null;
  recommendations: Product[] | null;
  _meta: PartialMeta;
}
