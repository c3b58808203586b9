import { Injectable } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { aggregate, type Parts } from '@concierge/shared/util-aggregation';
import { CatalogClient, OrdersClient } from '@concierge/shared/data-access-clients';
import type { RequestContext } from '@concierge/shared/util-request-context';
import type { CreateOrderDto } from './create-order.dto';
import type { OrderListQuery } from './order-list.query';
import { productIdsOf, toCreatedOrderView, toOrderDetailView, toOrderListView } from './orders.mapper';
import type { OrderDetailParts, OrderListParts } from './orders.parts';
import type { CreatedOrderView, OrderDetailView, OrderListView } from './order.view';

/** As for products: the required part may use the whole deadline, the optional products batch less. */
const ORDERS_DEADLINE_MS = 1_500;
// A write may take longer than a read, and must not be cut short merely to keep a page snappy.
const CREATE_TIMEOUT_MS = 3_000;

/** What `POST /api/orders` answers: the service's status (201 created, 200 replayed) and the order. */
export interface OrderCreation {
  status: number;
  replayed: boolean;
  order: CreatedOrderView;
}

/**
 * The caller's orders. The orders service decides what the caller may see from the identity the gateway
 * forwards (another user's order is a 404), so nothing here filters by user except the list's `userId`.
 */
@Injectable()
export class OrdersService {
  constructor(
    private readonly orders: OrdersClient,
    private readonly catalog: CatalogClient,
  ) {}

  /** A page of orders (required), then their products in one batch call (optional). Two calls. */
  list(userId: string, page: OrderListQuery, context: RequestContext): Observable<OrderListView> {
    const parts: Parts<OrderListParts> = {
      orders: {
        required: true,
        call: (_, ctx) =>
          this.orders.listOrders(
            userId,
            { offset: page.offset, limit: page.limit },
            { timeoutMs: ctx.remainingMs(), context },
          ),
      },
      products: {
        dependsOn: ['orders'],
        timeoutMs: 600,
        call: ({ orders }, ctx) =>
          this.catalog.getProducts(productIdsOf(orders.items), { timeoutMs: ctx.remainingMs(), context }),
      },
    };
    return aggregate(parts, { deadlineMs: ORDERS_DEADLINE_MS }).pipe(map(toOrderListView));
  }

  /** One order (required; 404 when it is not the caller's), then its products in one batch call. */
  detail(id: string, context: RequestContext): Observable<OrderDetailView> {
    const parts: Parts<OrderDetailParts> = {
      order: {
        required: true,
        call: (_, ctx) => this.orders.getOrder(id, { timeoutMs: ctx.remainingMs(), context }),
      },
      products: {
        dependsOn: ['order'],
        timeoutMs: 600,
        call: ({ order }, ctx) =>
          this.catalog.getProducts(productIdsOf([order]), { timeoutMs: ctx.remainingMs(), context }),
      },
    };
    return aggregate(parts, { deadlineMs: ORDERS_DEADLINE_MS }).pipe(map(toOrderDetailView));
  }

  /**
   * Creates an order through the orders service, which owns idempotency: the key is forwarded untouched,
   * and the service's status (201, or 200 with `Idempotent-Replayed` for a repeated key) is kept. The
   * client library retries the POST only when it carries a key.
   */
  create(
    body: CreateOrderDto,
    idempotencyKey: string | undefined,
    context: RequestContext,
  ): Observable<OrderCreation> {
    const items = body.items.map(({ productId, quantity }) => ({ productId, quantity }));
    return this.orders.createOrder({ items }, idempotencyKey, { timeoutMs: CREATE_TIMEOUT_MS, context }).pipe(
      map((placed) => ({
        status: placed.created ? 201 : 200,
        replayed: placed.replayed,
        order: toCreatedOrderView(placed.order),
      })),
    );
  }
}
