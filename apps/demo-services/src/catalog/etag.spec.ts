import { ifNoneMatchHits, strongEtag } from './etag';

describe(strongEtag.name, () => {
  it('is a quoted strong tag that changes with the body', () => {
    const sut = strongEtag('{"id":"p-0001"}');
    expect(sut).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(strongEtag('{"id":"p-0001"}')).toBe(sut);
    expect(strongEtag('{"id":"p-0002"}')).not.toBe(sut);
  });
});

describe(ifNoneMatchHits.name, () => {
  it('matches the same tag in a list, weak or strong, and *', () => {
    expect(ifNoneMatchHits('"a", W/"b"', '"b"')).toBe(true);
    expect(ifNoneMatchHits('*', '"b"')).toBe(true);
    expect(ifNoneMatchHits('"a"', '"b"')).toBe(false);
    expect(ifNoneMatchHits(undefined, '"b"')).toBe(false);
  });
});
