/** Money as partners get it: an amount in the currency's major unit and an ISO 4217 code. */
export class PriceDto {
  /** @example 129.9 */
  amount!: number;
  /** @example "EUR" */
  currency!: string;
}

/** A product in the partner API: public catalog fields only, in a shape this API keeps stable. */
export class ProductDto {
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
  price!: PriceDto;
  /** Average rating, 0 to 5. @example 4.4 */
  rating!: number;
  /** @example "https://img.concierge.example/p-0001/large.jpg" */
  imageUrl!: string;
}

/** One page of products; `next` is the cursor of the following page, `null` on the last. */
export class ProductPageDto {
  items!: ProductDto[];
  /** @example "eyJvIjoyMH0" */
  next!: string | null;
}

/** Whether a product can be ordered now. */
export class AvailabilityDto {
  /** @example "p-0001" */
  productId!: string;
  /** Units that can be ordered now. @example 12 */
  available!: number;
  /** @example true */
  inStock!: boolean;
  /** @example "2026-12-01T10:00:00.000Z" */
  updatedAt!: string;
}
