import { downstreamResponseHeaders, framingProblem, upstreamRequestHeaders } from './proxy-headers';

const forwarding = {
  clientIp: '10.1.2.3',
  proto: 'http',
  host: 'api.example.com',
  upstreamHost: 'catalog:4002',
  via: 'concierge',
  relayToken: false,
};

describe(upstreamRequestHeaders.name, () => {
  it('drops hop-by-hop, Connection-named, identity and forwarding claims and device keys, and adds the gateway’s own', () => {
    const sut = upstreamRequestHeaders(
      {
        host: 'api.example.com',
        connection: 'keep-alive, x-secret-hop',
        'keep-alive': 'timeout=5',
        'x-secret-hop': '1',
        te: 'trailers',
        'x-user-id': 'admin',
        'x-device-anything': 'd',
        'x-device-key': 'dk_1.secret',
        'x-forwarded-for': '6.6.6.6',
        forwarded: 'for=6.6.6.6',
        via: '1.1 edge',
        accept: 'application/json',
      },
      forwarding,
      { 'x-request-id': 'r-1', 'x-user-id': 'u-1' },
      { set: { 'x-user-id': 'forged-by-config' } },
    );
    expect(sut).toEqual({
      accept: 'application/json',
      via: '1.1 edge, 1.1 concierge',
      'x-forwarded-for': '10.1.2.3',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'api.example.com',
      host: 'catalog:4002',
      'x-request-id': 'r-1',
      'x-user-id': 'u-1',
    });
  });
});

describe(`${upstreamRequestHeaders.name} and credentials`, () => {
  const relay = (headers: Record<string, string>, relayToken: boolean, transforms = {}) =>
    upstreamRequestHeaders(headers, { ...forwarding, relayToken }, {}, transforms);

  it('never relays a device key, in any header, nor a cookie', () => {
    for (const relayToken of [true, false]) {
      const sut = relay(
        { authorization: 'ApiKey dk_1.secret', 'x-device-key': 'dk_1.secret', cookie: 'sid=s3cret' },
        relayToken,
      );
      expect(Object.keys(sut)).not.toEqual(expect.arrayContaining(['authorization']));
      expect(sut['x-device-key']).toBeUndefined();
      expect(sut['cookie']).toBeUndefined();
    }
  });

  it('relays the bearer token only where the route says so', () => {
    expect(relay({ authorization: 'Bearer t.o.k' }, true)['authorization']).toBe('Bearer t.o.k');
    expect(relay({ authorization: 'Bearer t.o.k' }, false)['authorization']).toBeUndefined();
  });

  it('lets no header transform put a cookie or a device key back', () => {
    const sut = relay({}, true, { set: { cookie: 'sid=x', 'x-device-key': 'dk_2.y' } });
    expect(sut['cookie']).toBeUndefined();
    expect(sut['x-device-key']).toBeUndefined();
  });
});

describe(downstreamResponseHeaders.name, () => {
  it('drops hop-by-hop, Connection-named and server headers, and adds Via', () => {
    expect(
      downstreamResponseHeaders(
        {
          connection: 'close, x-hop',
          'x-hop': '1',
          'transfer-encoding': 'chunked',
          server: 'internal/1.2',
          'content-type': 'text/plain',
        },
        'concierge',
        { set: { 'x-served-by': 'gateway' } },
      ),
    ).toEqual({ 'content-type': 'text/plain', via: '1.1 concierge', 'x-served-by': 'gateway' });
  });
});

describe(framingProblem.name, () => {
  it.each([
    [['Content-Length', '5', 'Transfer-Encoding', 'chunked'], 'both'],
    [['Content-Length', '5', 'Content-Length', '6'], 'only one'],
    [['Content-Length', '5', 'content-length', '5'], 'only one'],
    [['Content-Length', '5, 6'], 'malformed'],
    [['Transfer-Encoding', 'gzip, chunked'], 'single'],
    [['Transfer-Encoding', 'chunked', 'Transfer-Encoding', 'chunked'], 'single'],
  ])('refuses %j', (raw, reason) => {
    expect(framingProblem(raw)).toContain(reason);
  });

  it('accepts one Content-Length or one chunked encoding', () => {
    expect(framingProblem(['Content-Length', '5'])).toBeUndefined();
    expect(framingProblem(['Transfer-Encoding', 'chunked'])).toBeUndefined();
  });
});
