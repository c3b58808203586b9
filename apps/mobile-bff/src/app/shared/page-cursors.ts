import { encodeCursor, isOffset, objectWithKeys, type CursorReader } from './cursor.codec';

/** Where the next page of products starts, and the filters the walk began with. */
export interface ProductsCursor {
  kind: 'products';
  offset: number;
  category?: string;
  q?: string;
}

/** Where the next page of the caller's orders starts (whose orders comes from the token, never from here). */
export interface OrdersCursor {
  kind: 'orders';
  offset: number;
}

const MAX_FILTER_LENGTH = 100;
const optionalFilter = (value: unknown): value is string | undefined =>
  value === undefined || (typeof value === 'string' && value.length > 0 && value.length <= MAX_FILTER_LENGTH);

export const readProductsCursor: CursorReader<ProductsCursor> = (value) => {
  const record = objectWithKeys(value, ['kind', 'offset', 'category', 'q']);
  if (!record || record['kind'] !== 'products' || !isOffset(record['offset'])) return undefined;
  const { category, q } = record;
  if (!optionalFilter(category) || !optionalFilter(q)) return undefined;
  return {
    kind: 'products',
    offset: record['offset'],
    ...(category ? { category } : {}),
    ...(q ? { q } : {}),
  };
};

export const readOrdersCursor: CursorReader<OrdersCursor> = (value) => {
  const record = objectWithKeys(value, ['kind', 'offset']);
  if (!record || record['kind'] !== 'orders' || !isOffset(record['offset'])) return undefined;
  return { kind: 'orders', offset: record['offset'] };
};

/** The cursor of the page after `offset`+`count` of `total`, or `null` on the last page. */
export function nextCursor<C extends { offset: number }>(
  current: C,
  count: number,
  total: number,
): string | null {
  const offset = current.offset + count;
  return count > 0 && offset < total ? encodeCursor({ ...current, offset }) : null;
}
