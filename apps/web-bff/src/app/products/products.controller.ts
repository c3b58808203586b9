import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { Scopes } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { ProductListQuery } from './product-list.query';
import { ProductsService } from './products.service';
import type { ProductDetailView, ProductListView } from './product.view';

/** The catalog shaped for the browser: full detail, stock beside each product. */
@Controller('api/products')
@Scopes('catalog:read')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /** A filtered page of products, each with its stock. */
  @Get()
  list(
    @Query() query: ProductListQuery,
    @CallContext() context: RequestContext,
  ): Observable<ProductListView> {
    return this.products.list(query, context);
  }

  /** The product page: the product, its stock and related products. */
  @Get(':id')
  detail(@Param('id') id: string, @CallContext() context: RequestContext): Observable<ProductDetailView> {
    return this.products.detail(id, context);
  }
}
