import type { OrderStatus, UserPreferences } from '@concierge/shared/util-contracts';
import { MoneyView, ProductImagesView, ProductView } from '../common/catalog.view';
import { PartialMeta } from '../common/partial-meta.view';

/** What a dashboard order line shows of its product. */
export class DashboardProductView {
  /** @example "p-0001" */
  id!: string;
  /** @example "Aurora wireless headphones" */
  name!: string;
  /** @example "Aurora" */
  brand!: string;
  images!: ProductImagesView;
  price!: MoneyView;
}

export class DashboardOrderItem {
  /** @example 1 */
  quantity!: number;
  unitPrice!: MoneyView;
  /** Null when the catalog did not answer in time; the order is still shown. */
  product!: DashboardProductView | null;
}

export class DashboardOrder {
  /** @example "o-10042" */
  id!: string;
  /** @example "shipped" */
  status!: OrderStatus;
  /** @example "2026-12-01T10:00:00.000Z" */
  createdAt!: string;
  total!: MoneyView;
  items!: DashboardOrderItem[];
}

export class PreferencesView implements UserPreferences {
  /** @example "en" */
  language!: string;
  /** @example "EUR" */
  currency!: string;
  /** @example false */
  newsletter!: boolean;
  /** @example "system" */
  theme!: 'light' | 'dark' | 'system';
  /** @example ["audio"] */
  favouriteCategories!: string[];
}

export class DashboardUser {
  /** @example "u-1001" */
  id!: string;
  /** @example "Alice Liddell" */
  displayName!: string;
  /** @example "alice@example.com" */
  email!: string;
  /** @example "https://img.concierge.example/avatars/u-1001.png" */
  avatarUrl!: string;
  /** @example "gold" */
  tier!: string;
  /** @example "2021-04-01" */
  memberSince!: string;
  preferences!: PreferencesView;
}

/** `GET /api/dashboard` for the browser: rich, everything a page needs in one round trip. */
export class DashboardView {
  user!: DashboardUser;
  recentOrders!: DashboardOrder[] | null;
  recommendations!: ProductView[] | null;
  _meta!: PartialMeta;
}
