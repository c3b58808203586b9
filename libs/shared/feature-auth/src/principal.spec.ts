import { devicePrincipal, identityHeadersOf, InvalidClaimsError, principalFromClaims } from './principal';

describe(principalFromClaims.name, () => {
  it('reads RFC 9068 space-separated scopes and roles', () => {
    const sut = principalFromClaims({
      sub: 'u1',
      client_id: 'spa',
      scope: 'orders:read  profile:read',
      roles: ['customer'],
    });
    expect(sut).toMatchObject({
      kind: 'user',
      subject: 'u1',
      clientId: 'spa',
      scopes: ['orders:read', 'profile:read'],
      roles: ['customer'],
    });
  });

  it('reads an scp array', () => {
    expect(principalFromClaims({ sub: 'u1', scp: ['orders:read', 'orders:read'] }).scopes).toEqual([
      'orders:read',
    ]);
  });

  it('tells a client from a user by the configured rule, not by guessing', () => {
    expect(principalFromClaims({ sub: 'job', client_id: 'job' }).kind).toBe('client');
    expect(principalFromClaims({ sub: 'alice', client_id: 'spa' }).kind).toBe('user');
    // Another issuer's convention must be configured; by default its client token is not a client's.
    const auth0Style = { sub: 'abc@clients', azp: 'abc', gty: 'client-credentials' };
    expect(principalFromClaims(auth0Style).kind).toBe('user');
    expect(principalFromClaims(auth0Style, 'gty=client-credentials')).toMatchObject({
      kind: 'client',
      clientId: 'abc',
    });
    expect(principalFromClaims({ sub: 'u1', token_use: 'access' }, 'token_use=client').kind).toBe('user');
    // Keycloak: a service account's sub is its user's id; only its tokens carry client_id.
    const keycloakClient = { sub: '1f4db6ad-5e75', azp: 'crawler', client_id: 'crawler' };
    expect(principalFromClaims(keycloakClient).kind).toBe('user');
    expect(principalFromClaims(keycloakClient, 'client_id=*')).toMatchObject({
      kind: 'client',
      clientId: 'crawler',
    });
    expect(principalFromClaims({ sub: 'alice-id', azp: 'crawler' }, 'client_id=*').kind).toBe('user');
  });

  it('requires sub (RFC 9068)', () => {
    expect(() => principalFromClaims({ client_id: 'job' })).toThrow(InvalidClaimsError);
  });

  it('recognises device tokens only with the device role', () => {
    expect(principalFromClaims({ sub: 'c', device_id: 'd1', roles: ['device'] })).toMatchObject({
      kind: 'device',
      deviceId: 'd1',
    });
    expect(principalFromClaims({ sub: 'c', device_id: 'd1', roles: ['customer'] }).kind).toBe('user');
  });

  it('refuses claims that could not travel safely as headers', () => {
    expect(() => principalFromClaims({ sub: 'u1\r\nx-user-roles: admin' })).toThrow(InvalidClaimsError);
    expect(() => principalFromClaims({ sub: 'u1', roles: 'admin' })).toThrow(InvalidClaimsError);
    expect(() => principalFromClaims({ sub: 'u1', scope: 'a "b"' })).toThrow(InvalidClaimsError);
    expect(() => principalFromClaims({})).toThrow(InvalidClaimsError);
  });
});

describe(identityHeadersOf.name, () => {
  it('gives a user x-user-id, scopes and roles', () => {
    const sut = identityHeadersOf(
      principalFromClaims({ sub: 'u1', client_id: 'spa', scope: 'a b', roles: ['customer'] }),
    );
    expect(sut).toEqual({ 'x-user-id': 'u1', 'x-user-scopes': 'a b', 'x-user-roles': 'customer' });
  });

  it('gives a device x-device-id and a client x-client-id, never x-user-id', () => {
    expect(identityHeadersOf(devicePrincipal('d1', ['devices:telemetry']))).toEqual({
      'x-device-id': 'd1',
      'x-user-scopes': 'devices:telemetry',
      'x-user-roles': 'device',
    });
    expect(identityHeadersOf(principalFromClaims({ sub: 'job', client_id: 'job' }))).toEqual({
      'x-client-id': 'job',
    });
  });
});
