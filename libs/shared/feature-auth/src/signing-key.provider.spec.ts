import type { JwksClient } from 'jwks-rsa';
import { resolveAuthOptions } from './auth-options';
import { DisallowedTokenError, signingKeyProvider } from './signing-key.provider';

describe(signingKeyProvider.name, () => {
  const jwt = { jwksUri: 'http://idp/jwks', issuer: 'http://idp/', audience: 'web' };
  const getSigningKey = jest.fn(async (kid?: string) => ({ kid, getPublicKey: () => 'PUBLIC-PEM' }));
  const client = { getSigningKey } as unknown as JwksClient;
  const tokenWith = (header: object) => `${Buffer.from(JSON.stringify(header)).toString('base64url')}.e30.sig`;
  const keyFor = (sut: ReturnType<typeof signingKeyProvider>, rawJwt: string) =>
    new Promise<{ err: Error | null; key?: string | Buffer }>((resolve) => sut(undefined, rawJwt, (err, key) => resolve({ err, key })));

  beforeEach(() => getSigningKey.mockClear());

  it('gives an allowed asymmetric token the JWKS key of its kid', async () => {
    const sut = signingKeyProvider(resolveAuthOptions({ realm: 'r', jwt }).jwt, client);
    expect(await keyFor(sut, tokenWith({ alg: 'RS256', kid: 'k1' }))).toEqual({ err: null, key: 'PUBLIC-PEM' });
    expect(getSigningKey).toHaveBeenCalledWith('k1');
  });

  it.each([
    ['alg none', { alg: 'none' }],
    ['HS256 without a configured secret', { alg: 'HS256', kid: 'k1' }],
    ['an algorithm off the allow-list', { alg: 'RS512' }],
    ['a non-string kid', { alg: 'RS256', kid: 7 }],
  ])('gives no key for %s', async (_name, header) => {
    const sut = signingKeyProvider(resolveAuthOptions({ realm: 'r', jwt }).jwt, client);
    expect((await keyFor(sut, tokenWith(header))).err).toBeInstanceOf(DisallowedTokenError);
    expect(getSigningKey).not.toHaveBeenCalled();
  });

  it('gives an HS256 token the configured secret, never a JWKS key', async () => {
    const sut = signingKeyProvider(resolveAuthOptions({ realm: 'r', jwt: { ...jwt, hs256Secret: 's'.repeat(32) } }).jwt, client);
    expect(await keyFor(sut, tokenWith({ alg: 'HS256', kid: 'k1' }))).toEqual({ err: null, key: 's'.repeat(32) });
    expect(getSigningKey).not.toHaveBeenCalled();
  });

  it('gives no key for a JWE or a token whose header is not JSON', async () => {
    const sut = signingKeyProvider(resolveAuthOptions({ realm: 'r', jwt }).jwt, client);
    expect((await keyFor(sut, `${tokenWith({ alg: 'RS256' })}.x.y`)).err).toBeInstanceOf(DisallowedTokenError);
    expect((await keyFor(sut, 'bm90LWpzb24.e30.sig')).err).toBeInstanceOf(DisallowedTokenError);
  });
});
