/** Which parts of a response are missing (`null` in the body); present only when something is. */
export interface PartialMeta {
  partial: true;
  missing: string[];
}

/**
 * A product as a phone lists it. `price` is a number in the response's `currency`; `currency` appears
 * on an item only in the rare case it differs from the response's.
 */
export interface CompactProduct {
  id: string;
  name: string;
  price: number;
  currency?: string;
  thumb: string;
}
