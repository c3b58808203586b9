import { KeyRing } from './key-ring';

describe(KeyRing.name, () => {
  it('publishes only public parts of the keys', async () => {
    const sut = await KeyRing.create();
    const [jwk] = sut.jwks().keys;
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: sut.current.kid });
    expect(jwk).not.toHaveProperty('d');
    expect(jwk).not.toHaveProperty('p');
  });

  it('signs with the newest key and keeps the retained older ones in the JWKS', async () => {
    const sut = await KeyRing.create(2);
    const first = sut.current.kid;
    const second = await sut.rotate();
    expect(sut.current.kid).toBe(second);
    expect(sut.jwks().keys.map((k) => k.kid)).toEqual([second, first]);
    const third = await sut.rotate();
    expect(sut.jwks().keys.map((k) => k.kid)).toEqual([third, second]);
  });

  it('refuses to retain fewer than two keys', async () => {
    await expect(KeyRing.create(1)).rejects.toThrow(/at least two/);
  });
});
