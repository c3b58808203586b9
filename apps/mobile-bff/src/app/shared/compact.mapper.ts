import type { Money, Product } from '@concierge/shared/util-contracts';
import type { CompactProduct, PartialMeta } from './compact.view';

/** The currency a response states once at its top: the first price's (none without prices). */
export function currencyOf(prices: ReadonlyArray<Money | null | undefined>): string | undefined {
  return prices.find((price) => price)?.currency;
}

/** A price as a bare number when it is in the response's currency, plus its own currency otherwise. */
export function priceIn(price: Money, currency: string | undefined): { price: number; currency?: string } {
  return price.currency === currency
    ? { price: price.amount }
    : { price: price.amount, currency: price.currency };
}

export function toCompactProduct(product: Product, currency: string | undefined): CompactProduct {
  return {
    id: product.id,
    name: product.name,
    ...priceIn(product.price, currency),
    thumb: product.images.thumbnail,
  };
}

/**
 * `_meta` for a response some of whose parts are missing, naming them as the client sees them (response
 * fields, not internal part names, and `orders.thumb` not at all when `orders` itself is missing);
 * `undefined` when nothing is, so a complete response carries no `_meta`.
 */
export function partialMetaOf(
  missingParts: readonly string[],
  fieldOf: Readonly<Record<string, string>>,
): PartialMeta | undefined {
  if (missingParts.length === 0) return undefined;
  const fields = new Set(missingParts.map((part) => fieldOf[part] ?? part));
  const missing = [...fields].filter((field) => ![...fields].some((other) => field.startsWith(`${other}.`)));
  return { partial: true, missing };
}
