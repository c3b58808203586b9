import { BadRequestException, Injectable } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { CatalogClient } from '@concierge/shared/data-access-clients';
import { aggregate, type Parts } from '@concierge/shared/util-aggregation';
import { problem } from '@concierge/shared/util-http';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { cursorFromQuery } from '../shared/invalid-cursor.problem';
import { readProductsCursor, type ProductsCursor } from '../shared/page-cursors';
import type { ProductDetailParts } from './products.parts';
import { toProductDetailView, toProductsPageView } from './products.mapper';
import { DEFAULT_PAGE_SIZE } from '../shared/cursor-page.query';
import type { ProductsQueryDto } from './products-query.dto';
import type { ProductDetailView, ProductsPageView } from './products.view';

const DETAIL_DEADLINE_MS = 1_500;

@Injectable()
export class ProductsService {
  constructor(private readonly catalog: CatalogClient) {}

  /** One page of products: the first from the filters, the following ones from the cursor (one call). */
  page(query: ProductsQueryDto): Observable<ProductsPageView> {
    const cursor = cursorOf(query);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    return this.catalog
      .listProducts({ category: cursor.category, q: cursor.q, offset: cursor.offset, limit })
      .pipe(map((page) => toProductsPageView(page, cursor)));
  }

  /** The product (required) and its stock (optional) in parallel. */
  detail(id: string, context: RequestContext): Observable<ProductDetailView> {
    const parts: Parts<ProductDetailParts> = {
      product: {
        required: true,
        timeoutMs: 1_200,
        call: (_, ctx) => this.catalog.getProduct(id, { timeoutMs: ctx.remainingMs(), context }),
      },
      // Stock is a nice-to-have on the screen: it never holds the product up for long.
      stock: {
        timeoutMs: 400,
        call: (_, ctx) => this.catalog.getStock(id, { timeoutMs: ctx.remainingMs(), context }),
      },
    };
    return aggregate(parts, { deadlineMs: DETAIL_DEADLINE_MS }).pipe(map(toProductDetailView));
  }
}

/** Where this page starts: the cursor's position and filters, or the first page of the query's filters. */
function cursorOf({ cursor, category, q }: ProductsQueryDto): ProductsCursor {
  if (cursor === undefined) {
    return { kind: 'products', offset: 0, ...(category ? { category } : {}), ...(q ? { q } : {}) };
  }
  const decoded = cursorFromQuery(cursor, readProductsCursor);
  // A cursor carries the filters its walk began with; different ones beside it would mix two lists.
  if ((category !== undefined && category !== decoded.category) || (q !== undefined && q !== decoded.q)) {
    throw new BadRequestException(
      problem(
        400,
        'Filters cannot change in the middle of a walk: send the cursor alone, or new filters without it.',
        {
          type: 'invalid-cursor',
        },
      ),
    );
  }
  return decoded;
}
