// The catalog's shapes as the browser gets them: classes, so the API docs show them (the @nestjs/swagger
// plugin reads their properties); the mappers return them, so a drift from the service's types fails the build.

/** @example {"amount": 129.9, "currency": "EUR"} */
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

/** A product as the browser renders it: everything the catalog says except its internal SKU. */
export class ProductView {
  /** @example "p-0001" */
  id!: string;
  /** @example "Aurora wireless headphones" */
  name!: string;
  /** @example "Aurora" */
  brand!: string;
  /** @example "audio" */
  category!: string;
  description!: string;
  price!: MoneyView;
  /** Average rating, 0 to 5. @example 4.4 */
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

/** `GET /api/catalog/products/:id`: the catalog's product with every field, SKU included. */
export class CatalogProductView extends ProductView {
  /** @example "SKU-AUD-0001" */
  sku!: string;
}
