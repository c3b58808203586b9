import type { Product, StockLevel } from '@concierge/shared/util-contracts';
import type { ProductView, StockView } from './product.view';

/** The catalog's product minus what only the back office needs (its SKU). */
export function toProductView({ sku: _sku, ...product }: Product): ProductView {
  return product;
}

/** Stock without the product id it is filed under. */
export function toStockView({ productId: _productId, ...stock }: StockLevel): StockView {
  return stock;
}
