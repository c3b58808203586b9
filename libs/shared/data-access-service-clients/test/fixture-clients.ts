import { Injectable } from '@nestjs/common';
import { Observable, map } from 'rxjs';
import { refusalOf } from '../src/lib/errors/upstream-error.mapper';
import { pathSegment } from '../src/lib/path-segment';
import { CallOptions } from '../src/lib/upstream-request';
import { UpstreamClient } from '../src/lib/upstream.client';

/** A typed client as a service team writes one (the library itself knows no service), for the specs. */
@Injectable()
export class ProductsFixtureClient {
  static readonly service = 'catalog';
  constructor(private readonly upstream: UpstreamClient) {}

  getProduct(id: string, options?: CallOptions): Observable<unknown> {
    return this.upstream.get('catalog', '/products/:id', `/products/${pathSegment(id)}`, undefined, options);
  }

  listProducts(query: Record<string, string>, options?: CallOptions): Observable<unknown> {
    return this.upstream.get('catalog', '/products', '/products', query, options);
  }

  getStock(id: string, options?: CallOptions): Observable<unknown> {
    return this.upstream.get(
      'catalog',
      '/products/:id/stock',
      `/products/${pathSegment(id)}/stock`,
      undefined,
      options,
    );
  }
}

/** A write through `UpstreamClient.request`, refusals mapped as the typed clients map them. */
@Injectable()
export class OrdersFixtureClient {
  static readonly service = 'orders';
  constructor(private readonly upstream: UpstreamClient) {}

  createOrder(
    body: unknown,
    idempotencyKey?: string,
    options: CallOptions = {},
  ): Observable<{ order: unknown; created: boolean; replayed: boolean }> {
    const headers = idempotencyKey
      ? { ...options.headers, 'idempotency-key': idempotencyKey }
      : options.headers;
    return this.upstream
      .request('orders', { ...options, method: 'POST', path: '/orders', route: '/orders', body, headers })
      .pipe(
        map((response) => {
          if (response.status >= 400) throw refusalOf('orders', response.status, response.data);
          return {
            order: response.data,
            created: response.status === 201,
            replayed: response.headers['idempotent-replayed'] === 'true',
          };
        }),
      );
  }
}
