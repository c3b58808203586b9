import type { OrderPage, Product, Recommendations, UserProfile } from '@concierge/shared/util-contracts';

/** What the dashboard is assembled from: one key per part of the aggregation. */
export interface DashboardParts {
  profile: UserProfile;
  orders: OrderPage;
  recommendations: Recommendations;
  orderProducts: Product[];
  recommendedProducts: Product[];
}
