import { BadRequestException } from '@nestjs/common';
import { problem } from '@concierge/shared/util-http';

/** Longer than any cursor written here; bounds the work spent on a hostile one. */
const MAX_CURSOR_LENGTH = 64;
const MAX_OFFSET = 100_000;

/**
 * Opaque page cursors (`next` of a page): the offset of the next page, base64url JSON. Partners only hand
 * them back; anything else is refused with 400 `invalid-cursor`, never passed to a service. Not signed:
 * the offset only reaches pages the caller could walk to, and whose data it is comes from the credential.
 */
export function encodePageCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

/** The offset a cursor names (0 without one). */
export function decodePageCursor(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const refuse = () =>
    new BadRequestException(
      problem(400, 'The cursor is malformed. Pass the "next" value of a page as it is.', {
        type: 'invalid-cursor',
      }),
    );
  if (raw.length === 0 || raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) throw refuse();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const offset = (value as { o?: unknown } | null)?.o;
  if (
    typeof offset !== 'number' ||
    !Number.isInteger(offset) ||
    offset < 0 ||
    offset > MAX_OFFSET ||
    Object.keys(value as object).length !== 1
  ) {
    throw refuse();
  }
  return offset;
}

/** The cursor of the page after `offset + count`, or null when that was the last one. */
export function nextPageCursor(offset: number, count: number, total: number): string | null {
  return count > 0 && offset + count < total ? encodePageCursor(offset + count) : null;
}
