import type { AggregateResult } from '@concierge/shared/util-aggregation';
import type { ProductListParts } from './product-list.parts';
import { toProductView, toStockView } from './product.mapper';
import type { ProductListView } from './product.view';

/** Shapes a catalog page and its stock for the browser. Pure: the parts in, the view out. */
export function toProductListView({ data, meta }: AggregateResult<ProductListParts>): ProductListView {
  const page = data.page;
  if (!page) throw new Error('The catalog page is a required part of the product list');
  const stock = data.stock ? new Map(data.stock.map((level) => [level.productId, level])) : undefined;
  return {
    items: page.items.map((product) => {
      const level = stock?.get(product.id);
      return { ...toProductView(product), stock: level ? toStockView(level) : null };
    }),
    total: page.total,
    offset: page.offset,
    limit: page.limit,
    _meta: { partial: meta.partial, missing: meta.missing },
  };
}
