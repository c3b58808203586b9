import { resolveAuthOptions, type AuthModuleOptions } from './auth-options';

describe(resolveAuthOptions.name, () => {
  const base: AuthModuleOptions = {
    realm: 'web',
    jwt: { jwksUri: 'http://idp/jwks', issuer: 'http://idp/', audience: 'web' },
  };
  const verifier = async () => ({ valid: false });

  it('fills in the defaults', () => {
    const sut = resolveAuthOptions({ ...base, deviceKeys: { verifier } });
    expect(sut.jwt).toMatchObject({
      algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
      tokenTypes: ['at+jwt'],
      clockToleranceSec: 5,
      maxTokenBytes: 8192,
      jwksMinRefetchIntervalMs: 3000,
      jwksDefaultMaxAgeMs: 300_000,
    });
    expect(sut.deviceKeys).toMatchObject({ cacheTtlMs: 15_000 });
  });

  it('enables HS256 only together with a secret', () => {
    expect(
      resolveAuthOptions({ ...base, jwt: { ...base.jwt, hs256Secret: 'k'.repeat(32) } }).jwt.algorithms,
    ).toContain('HS256');
    expect(() => resolveAuthOptions({ ...base, jwt: { ...base.jwt, algorithms: ['HS256'] } })).toThrow(
      /jwt.algorithms/,
    );
    expect(() => resolveAuthOptions({ ...base, jwt: { ...base.jwt, hs256Secret: 'short' } })).toThrow(
      /jwt.hs256Secret/,
    );
  });

  it('refuses alg none and other unknown algorithms', () => {
    expect(() =>
      resolveAuthOptions({ ...base, jwt: { ...base.jwt, algorithms: ['none' as 'RS256'] } }),
    ).toThrow(/"none"/);
    expect(() =>
      resolveAuthOptions({ ...base, jwt: { ...base.jwt, algorithms: ['HS512' as 'RS256'] } }),
    ).toThrow(/"HS512"/);
  });

  it('caps the device-key cache at 30 s so a revoked key stops working in time', () => {
    expect(() => resolveAuthOptions({ ...base, deviceKeys: { verifier, cacheTtlMs: 60_000 } })).toThrow(
      /deviceKeys.cacheTtlMs/,
    );
  });

  it('treats application/at+jwt and at+jwt as one token type', () => {
    expect(
      resolveAuthOptions({
        ...base,
        jwt: { ...base.jwt, tokenTypes: ['application/AT+JWT', 'at+jwt', 'JWT'] },
      }).jwt.tokenTypes,
    ).toEqual(['at+jwt', 'jwt']);
    expect(() => resolveAuthOptions({ ...base, jwt: { ...base.jwt, tokenTypes: [] } })).toThrow(
      /jwt.tokenTypes/,
    );
  });

  it('names the bad option', () => {
    expect(() => resolveAuthOptions({ ...base, jwt: { ...base.jwt, jwksUri: 'ftp://x' } })).toThrow(
      'AuthModule: option "jwt.jwksUri"',
    );
    expect(() => resolveAuthOptions({ ...base, realm: 'a"b' })).toThrow(/"realm"/);
    expect(() => resolveAuthOptions({ ...base, jwt: { ...base.jwt, clockToleranceSec: -1 } })).toThrow(
      /clockToleranceSec/,
    );
  });

  it('takes client API keys with a cache of at most 30 s, and never together with device keys', () => {
    expect(resolveAuthOptions({ ...base, apiKeys: { verifier } }).apiKeys).toMatchObject({
      cacheTtlMs: 15_000,
      negativeCacheTtlMs: 5000,
    });
    expect(() => resolveAuthOptions({ ...base, apiKeys: { verifier, cacheTtlMs: 60_000 } })).toThrow(
      /apiKeys.cacheTtlMs/,
    );
    expect(() => resolveAuthOptions({ ...base, apiKeys: { verifier }, deviceKeys: { verifier } })).toThrow(
      /cannot be combined/,
    );
  });
});
