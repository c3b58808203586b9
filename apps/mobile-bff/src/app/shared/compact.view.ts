// A phone's shapes are classes, so the API docs show them (the @nestjs/swagger plugin reads their
// properties); the mappers return them, so a drift fails the build.

/** Which parts of a response are missing (`null` in the body); present only when something is. */
export class PartialMeta {
  /** @example true */
  partial!: true;
  /** @example ["recommended"] */
  missing!: string[];
}

/**
 * A product as a phone lists it. `price` is a number in the response's `currency`; `currency` appears
 * on an item only in the rare case it differs from the response's.
 */
export class CompactProduct {
  /** @example "p-0001" */
  id!: string;
  /** @example "Aurora wireless headphones" */
  name!: string;
  /** @example 129.9 */
  price!: number;
  /** @example "USD" */
  currency?: string;
  /** @example "https://img.concierge.example/p-0001/thumb.jpg" */
  thumb!: string;
}
