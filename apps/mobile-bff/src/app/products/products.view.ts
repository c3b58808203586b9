import { CompactProduct, PartialMeta } from '../shared/compact.view';

/** A product in a list: what a row on a phone shows. */
export class ProductListItem extends CompactProduct {
  /** @example 4.4 */
  rating!: number;
}

/** `GET /api/products`: one page; `next` is the cursor of the following page, `null` on the last. */
export class ProductsPageView {
  /** @example "EUR" */
  currency?: string;
  items!: ProductListItem[];
  /** @example "eyJvIjoyMH0" */
  next!: string | null;
}

/** `GET /api/products/:id`: the product screen. */
export class ProductDetailView {
  /** @example "p-0001" */
  id!: string;
  /** @example "Aurora wireless headphones" */
  name!: string;
  /** @example 129.9 */
  price!: number;
  /** @example "EUR" */
  currency!: string;
  /** @example "https://img.concierge.example/p-0001/thumb.jpg" */
  thumb!: string;
  /** @example "https://img.concierge.example/p-0001/medium.jpg" */
  image!: string;
  /** @example 4.4 */
  rating!: number;
  /** At most 200 characters, cut at a word. */
  description!: string;
  /** `null` when the stock service did not answer in time (see `_meta`). @example true */
  inStock!: boolean | null;
  /** At most four, in the catalog's order. @example {"battery": "30 h"} */
  specs!: Record<string, string>;
  _meta?: PartialMeta;
}
