import { Injectable } from '@nestjs/common';
import { CreateOrderRequest, Order, OrderPage } from '@concierge/shared/util-contracts';
import { Observable } from 'rxjs';
import { UpstreamClient } from '../upstream.client';
import { CallOptions } from '../upstream-request';

/** A page of a list: `limit` items from `offset`. */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

/** The orders service. */
@Injectable()
export class OrdersClient {
  constructor(private readonly upstream: UpstreamClient) {}

  /** `GET /orders?userId=&limit=&offset=`. */
  listOrders(userId: string, page: PageRequest = {}, options?: CallOptions): Observable<OrderPage> {
    return this.upstream.get(
      'orders',
      '/orders',
      '/orders',
      { userId, limit: page.limit, offset: page.offset },
      options,
    );
  }

  /** `GET /orders/:id`. */
  getOrder(id: string, options?: CallOptions): Observable<Order> {
    return this.upstream.get(
      'orders',
      '/orders/:id',
      `/orders/${encodeURIComponent(id)}`,
      undefined,
      options,
    );
  }

  /**
   * `POST /orders`. With an `idempotencyKey` the service returns the first order for a repeated key, so
   * the call may be retried; without one it is sent exactly once.
   */
  createOrder(
    body: CreateOrderRequest,
    idempotencyKey?: string,
    options: CallOptions = {},
  ): Observable<Order> {
    const headers = idempotencyKey
      ? { ...options.headers, 'idempotency-key': idempotencyKey }
      : options.headers;
    return this.upstream.post('orders', '/orders', '/orders', body, { ...options, headers });
  }
}
