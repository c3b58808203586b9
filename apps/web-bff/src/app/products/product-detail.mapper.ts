import type { AggregateResult } from '@concierge/shared/util-aggregation';
import type { ProductDetailParts } from './product-detail.parts';
import { toProductView, toStockView } from './product.mapper';
import type { ProductDetailView } from './product.view';

/** Shapes the product page for the browser. Pure: the parts in, the view out. */
export function toProductDetailView({ data, meta }: AggregateResult<ProductDetailParts>): ProductDetailView {
  if (!data.product) throw new Error('The product is a required part of the product page');
  return {
    product: toProductView(data.product),
    stock: data.stock ? toStockView(data.stock) : null,
    related: data.related ? data.related.map(toProductView) : null,
    _meta: { partial: meta.partial, missing: meta.missing },
  };
}
