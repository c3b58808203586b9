import { encodeSegment, normalizePath } from './path-normalizer';

describe(normalizePath.name, () => {
  it.each([
    ['/files/a/b', ['files', 'a', 'b'], false],
    ['/files/a%20b/c', ['files', 'a b', 'c'], false],
    ['/files/caf%C3%A9/', ['files', 'café'], true],
    ['/', [], false],
    ['/files/...', ['files', '...'], false],
    ['/files/a.b', ['files', 'a.b'], false],
  ])('decodes %s once', (raw, segments, trailingSlash) => {
    expect(normalizePath(raw)).toEqual({ ok: true, segments, trailingSlash });
  });

  it.each([
    ['/files/../etc/passwd', 'dot segments'],
    ['/files/./x', 'dot segments'],
    ['/files/..', 'dot segments'],
    ['/files/%2e%2e/etc', 'dot segments'],
    ['/files/%2E%2E/etc', 'dot segments'],
    ['/files/.%2e/etc', 'dot segments'],
    ['/files/a%2f..%2fetc', 'encoded slashes'],
    ['/files/a%2F..', 'encoded slashes'],
    ['/files/..%5c..%5cetc', 'encoded slashes'],
    ['/files/..\\..\\etc', 'backslashes'],
    ['/files/%252e%252e/etc', 'double percent-encoding'],
    ['/files/%25', 'double percent-encoding'],
    ['/files/a%00.json', 'control characters'],
    ['/files/a\u0000b', 'control characters'],
    ['/files/%0d%0aSet-Cookie:x', 'control characters'],
    ['/files//etc', 'empty path segments'],
    ['/files/%zz', 'malformed percent-encoding'],
    ['/files/%e', 'malformed percent-encoding'],
    ['/files/%C3%28', 'not valid UTF-8'],
    ['files/x', 'must start with'],
  ])('refuses %s', (raw, reason) => {
    const sut = normalizePath(raw);
    expect(sut.ok).toBe(false);
    expect(sut.ok === false && sut.reason).toContain(reason);
  });
});

describe(encodeSegment.name, () => {
  it('encodes what a request line may not carry and keeps the readable pchar, whichever way it gets there', () => {
    expect(encodeSegment('p-0001')).toBe('p-0001');
    expect(encodeSegment("a:b@c!$&'()*+,;=~._-")).toBe("a:b@c!$&'()*+,;=~._-");
    expect(encodeSegment('a b/c?d#e%f')).toBe('a%20b%2Fc%3Fd%23e%25f');
    expect(encodeSegment('café:1')).toBe('caf%C3%A9:1');
  });

  it('gives every printable ASCII character the encoding the full path would give it', () => {
    for (let code = 0x20; code < 0x7f; code++) {
      const char = String.fromCharCode(code);
      const full = encodeURIComponent(char).replace(/%(3A|40|24|26|2B|2C|3B|3D)/gi, (m) =>
        decodeURIComponent(m),
      );
      expect([char, encodeSegment(`x${char}y`)]).toEqual([char, `x${full}y`]);
    }
  });
});
