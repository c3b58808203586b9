import type { OrderPage, Product, Recommendations, UserProfile } from '@concierge/shared/util-contracts';

/** What the home screen is assembled from: one key per part of the aggregation. */
export interface HomeParts {
  profile: UserProfile;
  orders: OrderPage;
  recommendations: Recommendations;
  /** The first product of each recent order: the one whose thumbnail the order shows. */
  orderProducts: Product[];
  recommendedProducts: Product[];
}
