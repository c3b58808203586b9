import type { CompactProduct, PartialMeta } from '../shared/compact.view';

/** A product in a list: what a row on a phone shows. */
export interface ProductListItem extends CompactProduct {
  rating: number;
}

/** `GET /api/products`: one page; `next` is the cursor of the following page, `null` on the last. */
export interface ProductsPageView {
  currency?: string;
  items: ProductListItem[];
  next: string | null;
}

/** `GET /api/products/:id`: the product screen. */
export interface ProductDetailView {
  id: string;
  name: string;
  price: number;
  currency: string;
  thumb: string;
  image: string;
  rating: number;
  /** At most 200 characters, cut at a word. */
  description: string;
  /** `null` when the stock service did not answer in time (see `_meta`). */
  inStock: boolean | null;
  /** At most four, in the catalog's order. */
  specs: Record<string, string>;
  _meta?: PartialMeta;
}
