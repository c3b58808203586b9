import type { Product, StockLevel } from '@concierge/shared/util-contracts';

/** The product screen's parts: the product itself (required) and its stock (optional). */
export interface ProductDetailParts {
  product: Product;
  stock: StockLevel;
}
