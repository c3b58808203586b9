/** What this page reads of the web gateway's `GET /api/dashboard` (its `DashboardView`). */
export interface Money {
  amount: number;
  currency: string;
}

export interface DashboardOrder {
  id: string;
  status: string;
  createdAt: string;
  total: Money;
}

export interface Recommendation {
  id: string;
  name: string;
  price: Money;
}

export interface DashboardView {
  user: { displayName: string; email: string; tier: string; memberSince: string };
  /** Null when that part could not be had in time (then `_meta.missing` names it). */
  recentOrders: DashboardOrder[] | null;
  recommendations: Recommendation[] | null;
  _meta: { partial: boolean; missing: string[] };
}
