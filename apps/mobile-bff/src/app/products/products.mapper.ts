import type { AggregateResult } from '@concierge/shared/util-aggregation';
import type { Product, ProductPage } from '@concierge/shared/util-contracts';
import { currencyOf, partialMetaOf, toCompactProduct } from '../shared/compact.mapper';
import { nextCursor, type ProductsCursor } from '../shared/page-cursors';
import type { ProductDetailParts } from './products.parts';
import type { ProductDetailView, ProductsPageView } from './products.view';

const MAX_DESCRIPTION_LENGTH = 200;
const MAX_SPECS = 4;

/** One page of the catalog's search as a phone lists it, with the cursor of the next page. */
export function toProductsPageView(page: ProductPage, cursor: ProductsCursor): ProductsPageView {
  const currency = currencyOf(page.items.map((product) => product.price));
  return {
    ...(currency ? { currency } : {}),
    items: page.items.map((product) => ({ ...toCompactProduct(product, currency), rating: product.rating })),
    next: nextCursor(cursor, page.items.length, page.total),
  };
}

/** `text` within `max` characters, cut at the last whole word and marked with an ellipsis. */
export function shorten(text: string, max = MAX_DESCRIPTION_LENGTH): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const room = trimmed.slice(0, max - 1);
  const lastSpace = room.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? room.slice(0, lastSpace) : room).replace(/[\s,;:.-]+$/, '')}…`;
}

function keySpecs(specs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(specs).slice(0, MAX_SPECS));
}

/** The product screen from the product (required) and its stock (optional). */
export function toProductDetailView({ data, meta }: AggregateResult<ProductDetailParts>): ProductDetailView {
  const product: Product | null = data.product;
  if (!product) throw new Error('The product is a required part of its screen');
  const _meta = partialMetaOf(meta.missing, { stock: 'inStock' });
  return {
    id: product.id,
    name: product.name,
    price: product.price.amount,
    currency: product.price.currency,
    thumb: product.images.thumbnail,
    image: product.images.medium,
    rating: product.rating,
    description: shorten(product.description),
    inStock: data.stock ? data.stock.available > 0 : null,
    specs: keySpecs(product.specs),
    ...(_meta ? { _meta } : {}),
  };
}
