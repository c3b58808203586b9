import { Injectable } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { aggregate, type Parts } from '@concierge/shared/util-aggregation';
import { CatalogClient, OrdersClient, UsersClient } from '@concierge/shared/data-access-clients';
import type { RequestContext } from '@concierge/shared/util-request-context';
import type { HomeParts } from './home.parts';
import { toHomeView } from './home.mapper';
import type { HomeView } from './home.view';

/** The whole home screen is due within this; each part has its own, shorter, deadline inside it. */
const HOME_DEADLINE_MS = 1_500;
const RECENT_ORDERS = 3;
const RECOMMENDATIONS = 6;

/**
 * Profile (required), the last orders and recommendations in parallel; the products behind both fetched
 * as soon as their lists arrive, one batch call per list. Five upstream calls at most, whatever the orders.
 */
@Injectable()
export class HomeService {
  constructor(
    private readonly users: UsersClient,
    private readonly orders: OrdersClient,
    private readonly catalog: CatalogClient,
  ) {}

  homeOf(userId: string, context: RequestContext): Observable<HomeView> {
    const parts: Parts<HomeParts> = {
      profile: {
        required: true,
        timeoutMs: 1_000,
        call: (_, ctx) => this.users.getUser(userId, { timeoutMs: ctx.remainingMs(), context }),
      },
      orders: {
        timeoutMs: 1_000,
        call: (_, ctx) =>
          this.orders.listOrders(userId, { limit: RECENT_ORDERS }, { timeoutMs: ctx.remainingMs(), context }),
      },
      recommendations: {
        timeoutMs: 600,
        call: (_, ctx) =>
          this.catalog.getRecommendations(userId, RECOMMENDATIONS, { timeoutMs: ctx.remainingMs(), context }),
      },
      orderProducts: {
        dependsOn: ['orders'],
        timeoutMs: 800,
        // Only the product whose thumbnail each order shows.
        call: ({ orders }, ctx) => {
          const ids = [
            ...new Set(
              orders.items.flatMap((order) => order.items.slice(0, 1).map((item) => item.productId)),
            ),
          ];
          return this.catalog.getProducts(ids, { timeoutMs: ctx.remainingMs(), context });
        },
      },
      recommendedProducts: {
        dependsOn: ['recommendations'],
        timeoutMs: 600,
        call: ({ recommendations }, ctx) =>
          this.catalog.getProducts(recommendations.productIds.slice(0, RECOMMENDATIONS), {
            timeoutMs: ctx.remainingMs(),
            context,
          }),
      },
    };
    return aggregate(parts, { deadlineMs: HOME_DEADLINE_MS }).pipe(map(toHomeView));
  }
}
