/**
 * Opaque cursors: a position and the filters it belongs to, as base64url JSON. Clients only hand them
 * back; whatever comes in is checked against the shape this gateway writes, so a garbled, truncated or
 * edited cursor is refused instead of reaching a service. Not signed: nothing in it is trusted (the user
 * always comes from the token), so an edited offset can only reach a page the caller could walk to.
 */

/** Longer than any cursor we write; bounds the work spent on a hostile one. */
const MAX_CURSOR_LENGTH = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Why a cursor was refused (for the problem's detail: never echoes the cursor). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

/** Turns any decoded JSON value into a cursor of one kind, or `undefined` when it is not one. */
export type CursorReader<T> = (value: unknown) => T | undefined;

export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<T>(raw: string, read: CursorReader<T>): T {
  if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !BASE64URL.test(raw)) {
    throw new InvalidCursorError('The cursor is malformed.');
  }
  const bytes = Buffer.from(raw, 'base64url');
  // Node ignores stray trailing bits; a cursor we wrote re-encodes to itself, an edited one may not.
  if (bytes.toString('base64url') !== raw) throw new InvalidCursorError('The cursor is malformed.');
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidCursorError('The cursor is malformed.');
  }
  const cursor = read(value);
  if (cursor === undefined) throw new InvalidCursorError('The cursor was not issued for this list.');
  return cursor;
}

/** A plain JSON object whose keys are exactly among `allowed` (extra keys mean someone edited it). */
export function objectWithKeys(
  value: unknown,
  allowed: readonly string[],
): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  return Object.keys(record).every((key) => allowed.includes(key)) ? record : undefined;
}

/** A whole offset a service accepts (the demo services and ours stop at 100 000). */
export function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100_000;
}
