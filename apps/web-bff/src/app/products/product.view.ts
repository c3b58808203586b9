import type { Product, StockLevel } from '@concierge/shared/util-contracts';
import type { PartialMeta } from '../common/partial-meta.view';

/** A product as the browser renders it: everything the catalog says except its internal SKU. */
export type ProductView = Omit<Product, 'sku'>;

/** Stock as the product page shows it; the product id is implied by where it sits. */
export type StockView = Omit<StockLevel, 'productId'>;

/** One row of the product list: the product with its stock, `null` when the stock could not be had. */
export interface ProductListItemView extends ProductView {
  stock: StockView | null;
}

/** `GET /api/products`. */
export interface ProductListView {
  items: ProductListItemView[];
  total: number;
  offset: number;
  limit: number;
  _meta: PartialMeta;
}

/** `GET /api/products/:id`: the product page in one round trip. */
export interface ProductDetailView {
  product: ProductView;
  stock: StockView | null;
  related: ProductView[] | null;
  _meta: PartialMeta;
}
