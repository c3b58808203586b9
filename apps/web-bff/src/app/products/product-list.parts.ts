import type { ProductPage, StockLevel } from '@concierge/shared/util-contracts';

/** What the product list is assembled from: a catalog page, then the stock of its items in one batch. */
export interface ProductListParts {
  page: ProductPage;
  stock: StockLevel[];
}
