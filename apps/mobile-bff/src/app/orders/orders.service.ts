import { Injectable } from '@nestjs/common';
import { firstValueFrom, map, type Observable } from 'rxjs';
import { CatalogClient, OrdersClient } from '@concierge/shared/data-access-clients';
import { aggregate, type Parts } from '@concierge/shared/util-aggregation';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { cursorFromQuery } from '../shared/invalid-cursor.problem';
import { readOrdersCursor, type OrdersCursor } from '../shared/page-cursors';
import type { CreateOrderDto } from './create-order.dto';
import { DEFAULT_PAGE_SIZE } from '../shared/cursor-page.query';
import type { OrdersQueryDto } from './orders-query.dto';
import type { OrdersPageParts } from './orders.parts';
import { toCreatedOrderView, toOrdersPageView } from './orders.mapper';
import type { OrderCreation, OrdersPageView } from './orders.view';

const LIST_DEADLINE_MS = 1_500;

@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersClient,
    private readonly catalog: CatalogClient,
  ) {}

  /** A page of the user's orders (required) and, as soon as it arrives, its thumbnails in one batch call. */
  page(userId: string, query: OrdersQueryDto, context: RequestContext): Observable<OrdersPageView> {
    const cursor: OrdersCursor = query.cursor
      ? cursorFromQuery(query.cursor, readOrdersCursor)
      : { kind: 'orders', offset: 0 };
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const parts: Parts<OrdersPageParts> = {
      orders: {
        required: true,
        timeoutMs: 1_000,
        call: (_, ctx) =>
          this.orders.listOrders(
            userId,
            { offset: cursor.offset, limit },
            { timeoutMs: ctx.remainingMs(), context },
          ),
      },
      products: {
        dependsOn: ['orders'],
        timeoutMs: 600,
        call: ({ orders }, ctx) => {
          const ids = [
            ...new Set(
              orders.items.flatMap((order) => order.items.slice(0, 1).map((item) => item.productId)),
            ),
          ];
          return this.catalog.getProducts(ids, { timeoutMs: ctx.remainingMs(), context });
        },
      },
    };
    return aggregate(parts, { deadlineMs: LIST_DEADLINE_MS }).pipe(
      map((result) => toOrdersPageView(result, cursor)),
    );
  }

  /**
   * Creates the order through the orders service, which owns idempotency: the `Idempotency-Key` goes on
   * untouched, and its answer (201 created, or 200 + `Idempotent-Replayed` for a repeated key) comes back.
   */
  async create(
    order: CreateOrderDto,
    idempotencyKey: string | undefined,
    context: RequestContext,
  ): Promise<OrderCreation> {
    const items = order.items.map(({ productId, quantity }) => ({ productId, quantity }));
    const placed = await firstValueFrom(this.orders.createOrder({ items }, idempotencyKey, { context }));
    return {
      status: placed.created ? 201 : 200,
      replayed: placed.replayed,
      order: toCreatedOrderView(placed.order),
    };
  }
}
