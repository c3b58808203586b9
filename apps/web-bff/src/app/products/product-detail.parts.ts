import type { Product, StockLevel } from '@concierge/shared/util-contracts';

/** The product page's three independent parts, fetched in parallel. */
export interface ProductDetailParts {
  product: Product;
  stock: StockLevel;
  related: Product[];
}
