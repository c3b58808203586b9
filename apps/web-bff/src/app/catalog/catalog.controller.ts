import { Controller, Get, Param } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { CatalogClient } from '@concierge/shared/data-access-clients';
import { Scopes } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import type { CatalogProductView } from '../common/catalog.view';

/** Catalog data handed on as the service gives it (the web client renders full detail). */
@Controller('api/catalog')
@Scopes('catalog:read')
export class CatalogController {
  constructor(private readonly catalog: CatalogClient) {}

  @Get('products/:id')
  product(@Param('id') id: string, @CallContext() context: RequestContext): Observable<CatalogProductView> {
    return this.catalog.getProduct(id, { context });
  }
}
