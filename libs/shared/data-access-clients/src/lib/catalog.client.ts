import { Injectable } from '@nestjs/common';
import { pathSegment, UpstreamClient, type CallOptions } from '@concierge/shared/data-access-service-clients';
import { Product, ProductPage, Recommendations, StockLevel } from '@concierge/shared/util-contracts';
import { Observable, map, of } from 'rxjs';
import { idList, itemsOf } from './batch';

/** `GET /products` filters and page. */
export interface ProductQuery {
  category?: string;
  q?: string;
  offset?: number;
  limit?: number;
}

/** The catalog service: products, stock, related products and recommendations. */
@Injectable()
export class CatalogClient {
  /** The service this client calls: a gateway declares it under this name. */
  static readonly service = 'catalog';

  constructor(private readonly upstream: UpstreamClient) {}

  /** `GET /products/:id`. */
  getProduct(id: string, options?: CallOptions): Observable<Product> {
    return this.upstream.get(
      CatalogClient.service,
      '/products/:id',
      `/products/${pathSegment(id)}`,
      undefined,
      options,
    );
  }

  /** `GET /products?ids=`: one call for many products; unknown ids are absent. */
  getProducts(ids: readonly string[], options?: CallOptions): Observable<Product[]> {
    if (ids.length === 0) return of([]);
    return this.upstream
      .get<Product[] | { items: Product[] }>(
        CatalogClient.service,
        '/products?ids',
        '/products',
        { ids: idList(ids) },
        options,
      )
      .pipe(map(itemsOf));
  }

  /** `GET /products?category=&q=&offset=&limit=`. */
  listProducts(query: ProductQuery = {}, options?: CallOptions): Observable<ProductPage> {
    return this.upstream.get(CatalogClient.service, '/products', '/products', { ...query }, options);
  }

  /** `GET /products/:id/stock`. */
  getStock(id: string, options?: CallOptions): Observable<StockLevel> {
    return this.upstream.get(
      CatalogClient.service,
      '/products/:id/stock',
      `/products/${pathSegment(id)}/stock`,
      undefined,
      options,
    );
  }

  /** `GET /stock?ids=`: stock of many products in one call. */
  getStocks(ids: readonly string[], options?: CallOptions): Observable<StockLevel[]> {
    if (ids.length === 0) return of([]);
    return this.upstream
      .get<StockLevel[] | { items: StockLevel[] }>(
        CatalogClient.service,
        '/stock',
        '/stock',
        { ids: idList(ids) },
        options,
      )
      .pipe(map(itemsOf));
  }

  /** `GET /products/:id/related?limit=`. */
  getRelated(id: string, limit?: number, options?: CallOptions): Observable<Product[]> {
    return this.upstream
      .get<Product[] | { items: Product[] }>(
        CatalogClient.service,
        '/products/:id/related',
        `/products/${pathSegment(id)}/related`,
        { limit },
        options,
      )
      .pipe(map(itemsOf));
  }

  /** `GET /recommendations?userId=&limit=`. */
  getRecommendations(userId: string, limit?: number, options?: CallOptions): Observable<Recommendations> {
    return this.upstream.get(
      CatalogClient.service,
      '/recommendations',
      '/recommendations',
      { userId, limit },
      options,
    );
  }
}
