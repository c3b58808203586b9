import { Controller, Get, Param, Query } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { Scopes } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { ProductsQueryDto } from './products-query.dto';
import { ProductsService } from './products.service';
import type { ProductDetailView, ProductsPageView } from './products.view';

@Controller('api/products')
@Scopes('catalog:read')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /** Products page by page: list fields and thumbnails only, `next` until the last page. */
  @Get()
  page(@Query() query: ProductsQueryDto): Observable<ProductsPageView> {
    return this.products.page(query);
  }

  /** The product screen: the essentials, a medium image and whether it is in stock. */
  @Get(':id')
  detail(@Param('id') id: string, @CallContext() context: RequestContext): Observable<ProductDetailView> {
    return this.products.detail(id, context);
  }
}
