import { PartialMeta } from '../common/partial-meta.view';
import { ProductView } from '../common/catalog.view';

export { ProductView };

/** Stock as the product page shows it; the product id is implied by where it sits. */
export class StockView {
  /** Units that can be ordered now. @example 12 */
  available!: number;
  /** @example "w-berlin" */
  warehouse!: string;
  /** @example "2026-12-01T10:00:00.000Z" */
  updatedAt!: string;
}

/** One row of the product list: the product with its stock, `null` when the stock could not be had. */
export class ProductListItemView extends ProductView {
  stock!: StockView | null;
}

/** `GET /api/products`. */
export class ProductListView {
  items!: ProductListItemView[];
  /** @example 120 */
  total!: number;
  /** @example 0 */
  offset!: number;
  /** @example 20 */
  limit!: number;
  _meta!: PartialMeta;
}

/** `GET /api/products/:id`: the product page in one round trip. */
export class ProductDetailView {
  product!: ProductView;
  stock!: StockView | null;
  related!: ProductView[] | null;
  _meta!: PartialMeta;
}
