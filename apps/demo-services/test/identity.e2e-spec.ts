import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import type { RunningDemoServices } from '../src/demo-services';
import { call, startForTest } from './support/start';

describe('identity service', () => {
  let services: RunningDemoServices;
  let base: string;

  beforeAll(async () => {
    services = await startForTest();
    base = services.urls.identity;
  });
  afterAll(() => services.close());

  const token = (params: Record<string, string>, headers: Record<string, string> = {}) =>
    call(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(params).toString(),
    });

  const verify = (accessToken: string) =>
    jwtVerify(accessToken, createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`)), {
      issuer: base,
      audience: 'concierge',
    });

  it('publishes OIDC discovery pointing at its own JWKS and token endpoint', async () => {
    const { status, body } = await call(`${base}/.well-known/openid-configuration`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      issuer: base,
      jwks_uri: `${base}/.well-known/jwks.json`,
      token_endpoint: `${base}/oauth/token`,
      grant_types_supported: ['password', 'client_credentials', 'authorization_code', 'refresh_token'],
    });
    expect(body.scopes_supported).toEqual(expect.arrayContaining(['catalog:read', 'devices:telemetry']));
    const jwks = await call<JSONWebKeySet>(body.jwks_uri);
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.body.keys[0]).not.toHaveProperty('d');
  });

  it('issues a password-grant token that verifies against the JWKS with the documented claims', async () => {
    const { status, headers, body } = await token({
      grant_type: 'password',
      username: 'alice',
      password: 'wonderland',
    });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'profile:read catalog:read orders:read orders:write',
    });
    const { payload, protectedHeader } = await verify(body.access_token);
    // RFC 9068 §2.1: a gateway accepts only at+jwt, so an ID token can never pass for an access token.
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: expect.any(String), typ: 'at+jwt' });
    expect(payload).toMatchObject({
      iss: base,
      aud: 'concierge',
      sub: 'u-1001',
      roles: ['customer'],
      scope: body.scope,
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(900);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.jti).toEqual(expect.any(String));
  });

  it('accepts JSON bodies and narrows the token to a requested subset of scopes', async () => {
    const { status, body } = await call(`${base}/oauth/token`, {
      method: 'POST',
      json: { grant_type: 'password', username: 'bob', password: 'builder', scope: 'catalog:read' },
    });
    expect(status).toBe(200);
    expect((await verify(body.access_token)).payload).toMatchObject({ sub: 'u-1002', scope: 'catalog:read' });
  });

  it('gives the admin the admin role and devices:commands', async () => {
    const { body } = await token({ grant_type: 'password', username: 'admin', password: 'admin-demo' });
    const { payload } = await verify(body.access_token);
    expect(payload).toMatchObject({ sub: 'u-1000', roles: ['admin'] });
    expect(String(payload['scope']).split(' ')).toContain('devices:commands');
  });

  it('answers RFC 6749 errors for bad credentials, scopes and grants', async () => {
    expect(await token({ grant_type: 'password', username: 'alice', password: 'builder' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    expect(await token({ grant_type: 'password', username: 'nobody', password: 'wonderland' })).toMatchObject(
      {
        status: 400,
        body: { error: 'invalid_grant' },
      },
    );
    expect(
      await token({
        grant_type: 'password',
        username: 'alice',
        password: 'wonderland',
        scope: 'devices:commands',
      }),
    ).toMatchObject({
      status: 400,
      body: { error: 'invalid_scope' },
    });
    expect(
      await token({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', code: 'x' }),
    ).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await token({ username: 'alice' })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
  });

  it('issues device tokens by client credentials in the body', async () => {
    const { status, body } = await token({
      grant_type: 'client_credentials',
      client_id: 'dev-0001',
      client_secret: 'iot-demo-secret-0001',
    });
    expect(status).toBe(200);
    const { payload } = await verify(body.access_token);
    expect(payload).toMatchObject({
      sub: 'dev-0001',
      device_id: 'dev-0001',
      roles: ['device'],
      scope: 'devices:config devices:telemetry devices:commands',
    });
  });

  it('issues service tokens by client credentials over HTTP Basic', async () => {
    const basic = `Basic ${Buffer.from('reporting:reporting-demo-secret').toString('base64')}`;
    const { status, body } = await token({ grant_type: 'client_credentials' }, { authorization: basic });
    expect(status).toBe(200);
    const { payload, protectedHeader } = await verify(body.access_token);
    expect(protectedHeader.typ).toBe('at+jwt');
    // RFC 9068 §2.2: client_id equal to sub marks a client's token (the gateways' default JWT_CLIENT_CLAIM).
    expect(payload).toMatchObject({
      sub: 'reporting',
      client_id: 'reporting',
      scope: 'catalog:read orders:read',
    });
  });

  it('refuses a wrong client secret with 401 invalid_client and a challenge', async () => {
    const basic = `Basic ${Buffer.from('dev-0002:iot-demo-secret-0001').toString('base64')}`;
    const { status, headers, body } = await token(
      { grant_type: 'client_credentials' },
      { authorization: basic },
    );
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('keeps tokens signed before a key rotation verifiable, and signs new ones with the new key', async () => {
    const before = (await token({ grant_type: 'password', username: 'alice', password: 'wonderland' })).body
      .access_token;
    const oldKid = decodeProtectedHeader(before).kid;
    const rotated = await call(`${base}/admin/keys/rotate`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    expect(rotated.body.kid).not.toBe(oldKid);

    const jwks = (await call<JSONWebKeySet>(`${base}/.well-known/jwks.json`)).body;
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([rotated.body.kid, oldKid]));
    const keySet = createLocalJWKSet(jwks);
    await expect(jwtVerify(before, keySet, { issuer: base, audience: 'concierge' })).resolves.toBeDefined();

    const after = (await token({ grant_type: 'password', username: 'alice', password: 'wonderland' })).body
      .access_token;
    expect(decodeProtectedHeader(after).kid).toBe(rotated.body.kid);
    await expect(jwtVerify(after, keySet, { issuer: base, audience: 'concierge' })).resolves.toBeDefined();
  });
});

describe('identity service settings', () => {
  it('uses the configured issuer, audience and token lifetime', async () => {
    const services = await startForTest({
      identity: { issuer: 'https://id.example.com', audience: 'mobile', tokenTtlSec: 60 },
    });
    try {
      const base = services.urls.identity;
      const discovery = await call(`${base}/.well-known/openid-configuration`);
      expect(discovery.body.issuer).toBe('https://id.example.com');
      const { body } = await call(`${base}/oauth/token`, {
        method: 'POST',
        json: { grant_type: 'password', username: 'bob', password: 'builder' },
      });
      expect(body.expires_in).toBe(60);
      const jwks = createLocalJWKSet((await call<JSONWebKeySet>(`${base}/.well-known/jwks.json`)).body);
      const { payload } = await jwtVerify(body.access_token, jwks, {
        issuer: 'https://id.example.com',
        audience: 'mobile',
      });
      expect(Number(payload.exp) - Number(payload.iat)).toBe(60);
    } finally {
      await services.close();
    }
  });

  it('rotates the signing key on the configured interval, keeping the previous one published', async () => {
    const services = await startForTest({ identity: { keyRotationSec: 1 } });
    try {
      const jwksUrl = `${services.urls.identity}/.well-known/jwks.json`;
      const first = (await call<JSONWebKeySet>(jwksUrl)).body.keys.map((k) => k.kid);
      expect(first).toHaveLength(1);
      let kids = first;
      for (let i = 0; i < 100 && kids.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        kids = (await call<JSONWebKeySet>(jwksUrl)).body.keys.map((k) => k.kid);
      }
      expect(kids).toHaveLength(2);
      expect(kids[1]).toBe(first[0]);
    } finally {
      await services.close();
    }
  }, 20_000);
});
