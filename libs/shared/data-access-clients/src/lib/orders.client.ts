import { Injectable } from '@nestjs/common';
import {
  pathSegment,
  refusalOf,
  UpstreamClient,
  type CallOptions,
} from '@concierge/shared/data-access-service-clients';
import { CreateOrderRequest, Order, OrderPage } from '@concierge/shared/util-contracts';
import { Observable, map } from 'rxjs';

/** A page of a list: `limit` items from `offset`. */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

/** The orders service. */
@Injectable()
export class OrdersClient {
  /** The service this client calls: a gateway declares it under this name. */
  static readonly service = 'orders';

  constructor(private readonly upstream: UpstreamClient) {}

  /** `GET /orders?userId=&limit=&offset=`. */
  listOrders(userId: string, page: PageRequest = {}, options?: CallOptions): Observable<OrderPage> {
    return this.upstream.get(
      OrdersClient.service,
      '/orders',
      '/orders',
      { userId, limit: page.limit, offset: page.offset },
      options,
    );
  }

  /** `GET /orders/:id`. */
  getOrder(id: string, options?: CallOptions): Observable<Order> {
    return this.upstream.get(
      OrdersClient.service,
      '/orders/:id',
      `/orders/${pathSegment(id)}`,
      undefined,
      options,
    );
  }

  /**
   * `POST /orders`. With an `idempotencyKey` the service returns the first order for a repeated key, so
   * the call may be retried; without one it is sent exactly once. The placement says whether this call
   * created the order (201) or the key replayed an earlier one (200, `Idempotent-Replayed`), so a gateway
   * can hand that on; a refusal (400, 422 key reused with another body…) fails with the service's problem.
   */
  createOrder(
    body: CreateOrderRequest,
    idempotencyKey?: string,
    options: CallOptions = {},
  ): Observable<OrderPlacement> {
    const headers = idempotencyKey
      ? { ...options.headers, 'idempotency-key': idempotencyKey }
      : options.headers;
    return this.upstream
      .request<Order>(OrdersClient.service, {
        ...options,
        method: 'POST',
        path: '/orders',
        route: '/orders',
        body,
        headers,
      })
      .pipe(
        map((response) => {
          if (response.status >= 400) throw refusalOf(OrdersClient.service, response.status, response.data);
          return {
            order: response.data,
            created: response.status === 201,
            replayed: response.headers['idempotent-replayed'] === 'true',
          };
        }),
      );
  }
}

/** What `POST /orders` did. */
export interface OrderPlacement {
  order: Order;
  /** True when this call created the order; false when an idempotency key replayed an earlier one. */
  created: boolean;
  /** The service said `Idempotent-Replayed: true`. */
  replayed: boolean;
}
