import { clientIp, normaliseIp, TrustedProxies } from './client-ip';

describe(clientIp.name, () => {
  const none = new TrustedProxies();
  const lb = new TrustedProxies(['10.0.0.0/8', '::1', 'fd00::/8']);

  it('uses the socket peer when no proxy is trusted, whatever the headers say', () => {
    const sut = clientIp('203.0.113.7', { 'x-forwarded-for': '1.2.3.4', forwarded: 'for=5.6.7.8' }, none);
    expect(sut).toBe('203.0.113.7');
  });

  it('ignores forwarding headers from an untrusted peer even when proxies are configured', () => {
    expect(clientIp('203.0.113.7', { 'x-forwarded-for': '1.2.3.4' }, lb)).toBe('203.0.113.7');
  });

  it('walks X-Forwarded-For from the right past trusted hops', () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 198.51.100.9, 10.1.2.3' };
    expect(clientIp('10.0.0.1', headers, lb)).toBe('198.51.100.9');
  });

  it('never reaches what a client prepended to the header', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the trusted proxy appended the real peer.
    expect(clientIp('10.0.0.1', { 'x-forwarded-for': '1.1.1.1, 198.51.100.9' }, lb)).toBe('198.51.100.9');
  });

  it('joins repeated X-Forwarded-For headers in order', () => {
    expect(clientIp('10.0.0.1', { 'x-forwarded-for': ['198.51.100.9', '10.9.9.9'] }, lb)).toBe(
      '198.51.100.9',
    );
  });

  it('stops at the last trusted proxy when the next entry is not an address', () => {
    expect(clientIp('10.0.0.1', { 'x-forwarded-for': '1.2.3.4, unknown, 10.0.0.2' }, lb)).toBe('10.0.0.2');
    expect(clientIp('10.0.0.1', {}, lb)).toBe('10.0.0.1');
  });

  it('reads RFC 7239 Forwarded when configured to, with ports, quotes and IPv6 brackets', () => {
    const headers = { forwarded: 'for=1.1.1.1, for="[2001:db8::1]:4711";proto=https, for=10.0.0.5:1234' };
    expect(clientIp('::1', headers, lb, 'forwarded')).toBe('2001:db8::1');
    // ...and not X-Forwarded-For then, which a proxy maintaining Forwarded passes through untouched.
    expect(clientIp('::1', { 'x-forwarded-for': '7.7.7.7' }, lb, 'forwarded')).toBe('::1');
  });

  it('treats an IPv4-mapped IPv6 peer as its IPv4 address', () => {
    expect(clientIp('::ffff:10.0.0.1', { 'x-forwarded-for': '198.51.100.9' }, lb)).toBe('198.51.100.9');
    expect(clientIp('::ffff:203.0.113.7', {}, none)).toBe('203.0.113.7');
  });

  it('rejects a trusted-proxy entry that is neither an IP nor a CIDR, naming it', () => {
    expect(() => new TrustedProxies(['10.0.0.0/33'])).toThrow(/"10.0.0.0\/33"/);
    expect(() => new TrustedProxies(['proxy.local'])).toThrow(/"proxy.local"/);
  });
});

describe(normaliseIp.name, () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    [' 1.2.3.4:8080 ', '1.2.3.4'],
    ['"[2001:DB8::1]:80"', '2001:db8::1'],
    ['2001:db8::1', '2001:db8::1'],
    ['_hidden', undefined],
    ['unknown', undefined],
  ])('%p → %p', (input, expected) => {
    expect(normaliseIp(input)).toBe(expected);
  });
});
