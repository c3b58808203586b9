// The catalog's product as the service gives it (`GET /api/catalog/products/:id`), as a class so the API
// docs show it; the controller returns the service's answer typed as this, so a drift fails the build.

export class MoneyView {
  /** @example 129.9 */
  amount!: number;
  /** ISO 4217. @example "EUR" */
  currency!: string;
}

export class ProductImagesView {
  /** @example "https://img.concierge.example/p-0001/thumb.jpg" */
  thumbnail!: string;
  /** @example "https://img.concierge.example/p-0001/medium.jpg" */
  medium!: string;
  /** @example "https://img.concierge.example/p-0001/large.jpg" */
  large!: string;
}

export class CatalogProductView {
  /** @example "p-0001" */
  id!: string;
  /** @example "SKU-AUD-0001" */
  sku!: string;
  /** @example "Aurora wireless headphones" */
  name!: string;
  /** @example "Aurora" */
  brand!: string;
  /** @example "audio" */
  category!: string;
  description!: string;
  price!: MoneyView;
  /** @example 4.4 */
  rating!: number;
  /** @example 128 */
  reviewCount!: number;
  images!: ProductImagesView;
  /** @example {"battery": "30 h"} */
  specs!: Record<string, string>;
  /** @example ["wireless"] */
  tags!: string[];
  /** @example "2025-03-01T10:00:00.000Z" */
  createdAt!: string;
}
