import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { firstValueFrom } from 'rxjs';
import { CatalogClient } from '@concierge/shared/data-access-clients';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { decodePageCursor } from '../shared/page-cursor';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../shared/page-query.dto';
import { PartnerOperation } from '../shared/partner-operation.decorator';
import type { AvailabilityDto, ProductDto, ProductPageDto } from './product.dto';
import { toAvailabilityDto, toProductDto, toProductPageDto } from './products.mapper';

@ApiTags('products')
@Controller('v1/products')
@PartnerOperation('catalog:read')
export class ProductsController {
  constructor(private readonly catalog: CatalogClient) {}

  /** The catalog page by page. */
  @Get()
  async list(@Query() query: PageQueryDto, @CallContext() context: RequestContext): Promise<ProductPageDto> {
    const offset = decodePageCursor(query.cursor);
    return toProductPageDto(
      await firstValueFrom(
        this.catalog.listProducts({ offset, limit: query.limit ?? DEFAULT_PAGE_SIZE }, { context }),
      ),
    );
  }

  /** One product. */
  @Get(':id')
  async get(@Param('id') id: string, @CallContext() context: RequestContext): Promise<ProductDto> {
    return toProductDto(await firstValueFrom(this.catalog.getProduct(id, { context })));
  }

  /** Whether a product can be ordered now, and how many. */
  @Get(':id/availability')
  async availability(
    @Param('id') id: string,
    @CallContext() context: RequestContext,
  ): Promise<AvailabilityDto> {
    return toAvailabilityDto(await firstValueFrom(this.catalog.getStock(id, { context })));
  }
}
