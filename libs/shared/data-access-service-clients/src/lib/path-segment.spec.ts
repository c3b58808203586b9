import { DotSegmentException, hasDotSegment, pathSegment } from './path-segment';

describe(hasDotSegment.name, () => {
  it.each(['/products/p-0001', '/files/a.b', '/files/...', '/q?next=../x', '/a%20b', '/'])(
    'lets %s through: no segment of it walks the path',
    (path) => expect(hasDotSegment(path)).toBe(false),
  );

  it.each(['/files/../etc', '/files/.', '/files/%2e%2e/etc', '/files/%2E.', '/files/.%2e?x=1'])(
    'finds the dot segment in %s, plain or percent-encoded',
    (path) => expect(hasDotSegment(path)).toBe(true),
  );
});

describe(pathSegment.name, () => {
  it('encodes a parameter as one segment and refuses "." and ".."', () => {
    expect(pathSegment('a/b c')).toBe('a%2Fb%20c');
    expect(() => pathSegment('..')).toThrow(DotSegmentException);
    expect(() => pathSegment('.')).toThrow(DotSegmentException);
  });
});
