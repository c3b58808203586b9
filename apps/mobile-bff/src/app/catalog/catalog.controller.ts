import { Controller, Get, Param } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { CatalogClient } from '@concierge/shared/data-access-clients';
import { Scopes } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import type { CatalogProductView } from './catalog-product.view';

/**
 * One product as the catalog service gives it, for screens that need every field (and the benchmark's
 * pass-through row: one service call through the service-client library, unshaped).
 */
@Controller('api/catalog')
@Scopes('catalog:read')
export class CatalogController {
  constructor(private readonly catalog: CatalogClient) {}

  @Get('products/:id')
  product(@Param('id') id: string, @CallContext() context: RequestContext): Observable<CatalogProductView> {
    return this.catalog.getProduct(id, { context });
  }
}
