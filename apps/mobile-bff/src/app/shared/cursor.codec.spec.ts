import { decodeCursor, encodeCursor, InvalidCursorError } from './cursor.codec';
import { nextCursor, readOrdersCursor, readProductsCursor, type ProductsCursor } from './page-cursors';

describe(decodeCursor.name, () => {
  const sut = (raw: string) => decodeCursor(raw, readProductsCursor);
  const cursor: ProductsCursor = {
    kind: 'products',
    offset: 40,
    category: 'audio',
    q: 'wireless headphones',
  };

  it('gives back what was encoded, position and filters', () => {
    const raw = encodeCursor(cursor);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sut(raw)).toEqual(cursor);
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['empty', ''],
    ['base64url of something that is not JSON', Buffer.from('offset=40').toString('base64url')],
    ['a truncated cursor', encodeCursor(cursor).slice(0, -3)],
    ['an overlong one', 'A'.repeat(600)],
  ])('refuses %s', (_, raw) => {
    expect(() => sut(raw)).toThrow(InvalidCursorError);
  });

  it('refuses a cursor with a character changed', () => {
    const raw = encodeCursor(cursor);
    const tampered = raw.slice(0, 5) + (raw[5] === 'A' ? 'B' : 'A') + raw.slice(6);
    expect(() => sut(tampered)).toThrow(InvalidCursorError);
  });

  it.each([
    ['a negative offset', { kind: 'products', offset: -20 }],
    ['a fractional offset', { kind: 'products', offset: 2.5 }],
    ['an offset as text', { kind: 'products', offset: '40' }],
    ['an unknown field', { kind: 'products', offset: 0, userId: 'u-1002' }],
    ["another list's cursor", { kind: 'orders', offset: 0 }],
    ['an empty filter', { kind: 'products', offset: 0, category: '' }],
    ['an array', [1, 2]],
  ])('refuses well-formed JSON that is not a products cursor: %s', (_, value) => {
    expect(() => sut(encodeCursor(value as object))).toThrow('not issued for this list');
  });

  it('reads orders cursors with their own reader, and nothing else as one', () => {
    expect(decodeCursor(encodeCursor({ kind: 'orders', offset: 20 }), readOrdersCursor)).toEqual({
      kind: 'orders',
      offset: 20,
    });
    expect(() =>
      decodeCursor(encodeCursor({ kind: 'orders', offset: 20, category: 'x' }), readOrdersCursor),
    ).toThrow(InvalidCursorError);
  });
});

describe(nextCursor.name, () => {
  const sut = nextCursor;

  it('points past this page while there is more', () => {
    const next = sut({ kind: 'orders', offset: 20 }, 20, 45);
    expect(decodeCursor(next as string, readOrdersCursor)).toEqual({ kind: 'orders', offset: 40 });
  });

  it('is null on the last page and on an empty one', () => {
    expect(sut({ kind: 'orders', offset: 40 }, 5, 45)).toBeNull();
    expect(sut({ kind: 'orders', offset: 60 }, 0, 45)).toBeNull();
  });
});
