import { Injectable } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { aggregate, type Parts } from '@concierge/shared/util-aggregation';
import { CatalogClient, OrdersClient, UsersClient } from '@concierge/shared/data-access-clients';
import type { RequestContext } from '@concierge/shared/util-request-context';
import type { DashboardParts } from './dashboard.parts';
import { productIdsOf } from '../orders/orders.mapper';
import { toDashboardView } from './dashboard.mapper';
import type { DashboardView } from './dashboard.view';

/** The whole dashboard is due within this; each part has its own, shorter, deadline inside it. */
const DASHBOARD_DEADLINE_MS = 1_500;
const RECENT_ORDERS = 5;
const RECOMMENDATIONS = 6;

/**
 * Profile (required), recent orders and recommendations in parallel; the products of both fetched as soon
 * as their lists arrive, each list with one batch call. Five upstream calls, whatever the number of orders.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly users: UsersClient,
    private readonly orders: OrdersClient,
    private readonly catalog: CatalogClient,
  ) {}

  dashboardOf(userId: string, context: RequestContext): Observable<DashboardView> {
    const parts: Parts<DashboardParts> = {
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
        call: ({ orders }, ctx) =>
          this.catalog.getProducts(productIdsOf(orders.items), { timeoutMs: ctx.remainingMs(), context }),
      },
      recommendedProducts: {
        dependsOn: ['recommendations'],
        timeoutMs: 600,
        call: ({ recommendations }, ctx) =>
          this.catalog.getProducts(recommendations.productIds, { timeoutMs: ctx.remainingMs(), context }),
      },
    };
    return aggregate(parts, { deadlineMs: DASHBOARD_DEADLINE_MS }).pipe(map(toDashboardView));
  }
}
