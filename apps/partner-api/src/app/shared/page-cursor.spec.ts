import { decodePageCursor, encodePageCursor } from './page-cursor';

describe(decodePageCursor.name, () => {
  it('reads back what it wrote, and starts at 0 without a cursor', () => {
    expect(decodePageCursor(encodePageCursor(40))).toBe(40);
    expect(decodePageCursor(undefined)).toBe(0);
  });

  it.each([
    ['garbage', '%%%'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['a negative offset', encodePageCursor(-1)],
    ['an extra field', Buffer.from(JSON.stringify({ o: 1, admin: true })).toString('base64url')],
    ['too long', 'a'.repeat(100)],
  ])('refuses %s with 400 invalid-cursor', (_name, raw) => {
    expect(() => decodePageCursor(raw)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
