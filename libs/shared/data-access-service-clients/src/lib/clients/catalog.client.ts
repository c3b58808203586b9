import { Injectable } from '@nestjs/common';
import { Product, ProductPage, Recommendations, StockLevel } from '@concierge/shared/util-contracts';
import { Observable, map, of } from 'rxjs';
import { UpstreamClient } from '../upstream.client';
import { CallOptions } from '../upstream-request';
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
  constructor(private readonly upstream: UpstreamClient) {}

  /** `GET /products/:id`. */
  getProduct(id: string, options?: CallOptions): Observable<Product> {
    return this.upstream.get(
      'catalog',
      '/products/:id',
      `/products/${encodeURIComponent(id)}`,
      undefined,
      options,
    );
  }

  /** `GET /products?ids=`: one call for many products; unknown ids are absent. */
  getProducts(ids: readonly string[], options?: CallOptions): Observable<Product[]> {
    if (ids.length === 0) return of([]);
    return this.upstream
      .get<Product[] | { items: Product[] }>(
        'catalog',
        '/products?ids',
        '/products',
        { ids: idList(ids) },
        options,
      )
      .pipe(map(itemsOf));
  }

  /** `GET /products?category=&q=&offset=&limit=`. */
  listProducts(query: ProductQuery = {}, options?: CallOptions): Observable<ProductPage> {
    return this.upstream.get('catalog', '/products', '/products', { ...query }, options);
  }

  /** `GET /products/:id/stock`. */
  getStock(id: string, options?: CallOptions): Observable<StockLevel> {
    return this.upstream.get(
      'catalog',
      '/products/:id/stock',
      `/products/${encodeURIComponent(id)}/stock`,
      undefined,
      options,
    );
  }

  /** `GET /stock?ids=`: stock of many products in one call. */
  getStocks(ids: readonly string[], options?: CallOptions): Observable<StockLevel[]> {
    if (ids.length === 0) return of([]);
    return this.upstream
      .get<StockLevel[] | { items: StockLevel[] }>(
        'catalog',
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
        'catalog',
        '/products/:id/related',
        `/products/${encodeURIComponent(id)}/related`,
        { limit },
        options,
      )
      .pipe(map(itemsOf));
  }

  /** `GET /recommendations?userId=&limit=`. */
  getRecommendations(userId: string, limit?: number, options?: CallOptions): Observable<Recommendations> {
    return this.upstream.get('catalog', '/recommendations', '/recommendations', { userId, limit }, options);
  }
}
