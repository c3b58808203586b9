import { Injectable } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { aggregate, type Parts } from '@concierge/shared/util-aggregation';
import { CatalogClient } from '@concierge/shared/data-access-clients';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { toProductDetailView } from './product-detail.mapper';
import type { ProductDetailParts } from './product-detail.parts';
import { toProductListView } from './product-list.mapper';
import type { ProductListParts } from './product-list.parts';
import type { ProductListQuery } from './product-list.query';
import type { ProductDetailView, ProductListView } from './product.view';

/**
 * Each route is due within this. A required part may use all of it (without it there is no page anyway);
 * optional parts have their own, shorter, deadlines so they cannot hold the page up.
 */
const PRODUCTS_DEADLINE_MS = 1_500;
const RELATED_PRODUCTS = 6;

/** The catalog for the browser: pages with stock, and the product page. */
@Injectable()
export class ProductsService {
  constructor(private readonly catalog: CatalogClient) {}

  /** A catalog page (required), then its items' stock with one batch call (optional). Two calls. */
  list(query: ProductListQuery, context: RequestContext): Observable<ProductListView> {
    const parts: Parts<ProductListParts> = {
      page: {
        required: true,
        call: (_, ctx) =>
          this.catalog.listProducts(
            { category: query.category, q: query.q, offset: query.offset, limit: query.limit },
            { timeoutMs: ctx.remainingMs(), context },
          ),
      },
      stock: {
        dependsOn: ['page'],
        timeoutMs: 600,
        call: ({ page }, ctx) =>
          this.catalog.getStocks(
            page.items.map((product) => product.id),
            { timeoutMs: ctx.remainingMs(), context },
          ),
      },
    };
    return aggregate(parts, { deadlineMs: PRODUCTS_DEADLINE_MS }).pipe(map(toProductListView));
  }

  /**
   * Product (required), stock and related products (optional): three calls in parallel, none waiting for
   * another — the product's id is all each needs. An unknown product fails the whole with the catalog's 404.
   */
  detail(id: string, context: RequestContext): Observable<ProductDetailView> {
    const parts: Parts<ProductDetailParts> = {
      product: {
        required: true,
        call: (_, ctx) => this.catalog.getProduct(id, { timeoutMs: ctx.remainingMs(), context }),
      },
      stock: {
        timeoutMs: 800,
        call: (_, ctx) => this.catalog.getStock(id, { timeoutMs: ctx.remainingMs(), context }),
      },
      related: {
        timeoutMs: 800,
        call: (_, ctx) =>
          this.catalog.getRelated(id, RELATED_PRODUCTS, { timeoutMs: ctx.remainingMs(), context }),
      },
    };
    return aggregate(parts, { deadlineMs: PRODUCTS_DEADLINE_MS }).pipe(map(toProductDetailView));
  }
}
