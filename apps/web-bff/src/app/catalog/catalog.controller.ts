import { Controller, Get, Param } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { Product } from '@concierge/shared/util-contracts';
import { CatalogClient } from '@concierge/shared/data-access-clients';
import { Scopes } from '@concierge/shared/feature-auth';

/** Catalog data handed on as the service gives it (the web client renders full detail). */
@Controller('api/catalog')
@Scopes('catalog:read')
export class CatalogController {
  constructor(private readonly catalog: CatalogClient) {}

  @Get('products/:id')
  product(@Param('id') id: string): Observable<Product> {
    return this.catalog.getProduct(id);
  }
}
