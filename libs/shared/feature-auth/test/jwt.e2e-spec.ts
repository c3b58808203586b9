import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { AuthModule } from '../src';
import { JwksServer } from './support/jwks-server';
import { generateSigningKey, handMadeToken, signToken, type SigningKey } from './support/signing-keys';
import { startTestApp, type TestApp, type WhoAmI } from './support/test-app';

const ISSUER = 'https://id.concierge.test/';
const AUDIENCE = 'concierge-web';

describe(`${AuthModule.name} with bearer JWTs (e2e)`, () => {
  let jwks: JwksServer;
  let key: SigningKey;
  let api: TestApp;
  const token = (
    claims: Record<string, unknown> = {},
    options: Partial<Parameters<typeof signToken>[2]> = {},
  ) =>
    signToken(
      key,
      { sub: 'user-1', scope: 'orders:read profile:read', roles: ['customer'], ...claims },
      { issuer: ISSUER, audience: AUDIENCE, ...options },
    );
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.url}${path}`, { headers });
  const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

  beforeAll(async () => {
    key = await generateSigningKey('RS256');
    jwks = await JwksServer.start([key.publicJwk]);
    api = await startTestApp({
      realm: 'concierge-test',
      jwt: { jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE },
    });
  });

  afterAll(async () => {
    await api.close();
    await jwks.close();
  });

  async function expectUnauthorized(response: Response, error: 'invalid_token' | null, description?: string) {
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer realm="concierge-test"/);
    if (error) expect(challenge).toContain(`error="${error}"`);
    else expect(challenge).not.toContain('error=');
    if (description) expect(challenge).toContain(`error_description="${description}"`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(typeof body['type']).toBe('string');
    return { body, challenge };
  }

  it('lets anyone call a public route', async () => {
    const response = await get('/public');
    expect(response.status).toBe(200);
  });

  it('answers 401 without an error attribute when no credentials were sent', async () => {
    await expectUnauthorized(await get('/orders'), null);
  });

  it('answers 401 for a credential of another scheme, as if none were sent', async () => {
    await expectUnauthorized(await get('/orders', { authorization: 'Basic dXNlcjpwYXNz' }), null);
  });

  it.each([
    ['a malformed token', 'not-a-jwt'],
    ['a token with four segments', 'a.b.c.d'],
    ['an empty bearer', ''],
  ])('answers 401 invalid_token for %s', async (_name, value) => {
    await expectUnauthorized(await get('/orders', bearer(value)), 'invalid_token');
  });

  it('answers 401 for a bad signature, without saying more and without echoing the token', async () => {
    const impostor = await generateSigningKey('RS256', key.kid);
    const forged = await signToken(
      impostor,
      { sub: 'user-1', scope: 'orders:read' },
      { issuer: ISSUER, audience: AUDIENCE },
    );
    const response = await get('/orders', bearer(forged));
    const { body, challenge } = await expectUnauthorized(
      response,
      'invalid_token',
      'The access token is invalid',
    );
    const all = JSON.stringify(body) + challenge;
    expect(all).not.toContain(forged.split('.')[2]);
    expect(all).not.toMatch(/signature/i);
  });

  it('answers 401 for alg "none"', async () => {
    const unsigned = handMadeToken(
      { alg: 'none', typ: 'JWT' },
      { sub: 'user-1', iss: ISSUER, aud: AUDIENCE, exp: now() + 300, scope: 'orders:read' },
    );
    await expectUnauthorized(await get('/orders', bearer(unsigned)), 'invalid_token');
  });

  it("answers 401 for an HS256 token signed with the issuer's public key as secret (alg confusion)", async () => {
    const header = { alg: 'HS256', typ: 'JWT', kid: key.kid };
    const payload = { sub: 'user-1', iss: ISSUER, aud: AUDIENCE, exp: now() + 300, scope: 'orders:read' };
    const unsigned = handMadeToken(header, payload).slice(0, -1);
    for (const secret of [key.publicPem, key.publicPem.trim()]) {
      const signature = createHmac('sha256', secret).update(unsigned).digest('base64url');
      await expectUnauthorized(await get('/orders', bearer(`${unsigned}.${signature}`)), 'invalid_token');
    }
  });

  it('answers 401 for an unknown kid', async () => {
    const stranger = await generateSigningKey('RS256');
    const response = await get(
      '/orders',
      bearer(await signToken(stranger, { sub: 'user-1' }, { issuer: ISSUER, audience: AUDIENCE })),
    );
    await expectUnauthorized(response, 'invalid_token');
  });

  it('answers 401 for an expired token, saying it expired', async () => {
    await expectUnauthorized(
      await get('/orders', bearer(await token({}, { expiresInSec: -60 }))),
      'invalid_token',
      'The access token expired',
    );
  });

  it('answers 401 for a token not valid yet', async () => {
    const early = await token({}, { notBeforeSec: 120 });
    await expectUnauthorized(
      await get('/orders', bearer(early)),
      'invalid_token',
      'The access token is not valid yet',
    );
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    expect((await get('/orders', bearer(await token({}, { expiresInSec: -2 })))).status).toBe(200);
  });

  it('answers 401 for a wrong issuer', async () => {
    await expectUnauthorized(
      await get('/orders', bearer(await token({}, { issuer: 'https://evil.test/' }))),
      'invalid_token',
    );
  });

  it('answers 401 for a wrong audience', async () => {
    await expectUnauthorized(
      await get('/orders', bearer(await token({}, { audience: 'concierge-mobile' }))),
      'invalid_token',
    );
  });

  it('answers 401 for a token over maxTokenBytes, before parsing it', async () => {
    const huge = await token({ padding: 'x'.repeat(9000) });
    await expectUnauthorized(
      await get('/orders', bearer(huge)),
      'invalid_token',
      'The access token is too large',
    );
  });

  it('answers 401 for a validly signed token without exp', async () => {
    const noExp = await new SignJWT({ sub: 'user-1', scope: 'orders:read' })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(key.privateKey);
    await expectUnauthorized(await get('/orders', bearer(noExp)), 'invalid_token');
  });

  it('answers 403 insufficient_scope for a valid token without the scope', async () => {
    const response = await get('/orders', bearer(await token({ scope: 'profile:read' })));
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="concierge-test", error="insufficient_scope", scope="orders:read"',
    );
    expect(await response.json()).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('answers 403 for a role the token lacks, and 200 with it', async () => {
    expect((await get('/admin', bearer(await token()))).status).toBe(403);
    expect((await get('/admin', bearer(await token({ roles: ['admin'] })))).status).toBe(200);
  });

  it('answers 403 for a user on a device-only route', async () => {
    expect((await get('/device/config', bearer(await token()))).status).toBe(403);
  });

  it('answers 200 for a valid token and sets the identity that flows upstream', async () => {
    const response = await get('/orders', bearer(await token()));
    expect(response.status).toBe(200);
    const { principal, identity } = (await response.json()) as WhoAmI;
    expect(principal).toMatchObject({
      kind: 'user',
      subject: 'user-1',
      scopes: ['orders:read', 'profile:read'],
      roles: ['customer'],
    });
    expect(identity).toEqual({
      'x-user-id': 'user-1',
      'x-user-scopes': 'orders:read profile:read',
      'x-user-roles': 'customer',
    });
  });

  it('answers 200 for a token carrying its scopes as an scp array', async () => {
    const response = await get('/orders', bearer(await token({ scope: undefined, scp: ['orders:read'] })));
    expect(response.status).toBe(200);
    expect(((await response.json()) as WhoAmI).principal.scopes).toEqual(['orders:read']);
  });

  it('never lets a client-sent identity header into the identity', async () => {
    const response = await get('/me', {
      ...bearer(await token()),
      'x-user-id': 'admin',
      'x-user-roles': 'admin',
      'x-device-id': 'd-1',
    });
    const { identity } = (await response.json()) as WhoAmI;
    expect(identity?.['x-user-id']).toBe('user-1');
    expect(identity?.['x-user-roles']).toBe('customer');
    expect(identity).not.toHaveProperty('x-device-id');
  });

  it('applies the same checks to a route registered straight on Fastify', async () => {
    expect((await get('/raw/orders')).status).toBe(401);
    expect(
      (await get('/raw/orders', bearer(await token({}, { audience: 'other' })))).headers.get(
        'www-authenticate',
      ),
    ).toContain('invalid_token');
    const forbidden = await get('/raw/orders', bearer(await token({ scope: 'profile:read' })));
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    const ok = await get('/raw/orders', { ...bearer(await token()), 'x-user-id': 'admin' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      identity: {
        'x-user-id': 'user-1',
        'x-user-scopes': 'orders:read profile:read',
        'x-user-roles': 'customer',
      },
    });
  });

  it('treats a client-credentials token as a client', async () => {
    const response = await get(
      '/me',
      bearer(await token({ sub: 'reporting-job', client_id: 'reporting-job', roles: undefined })),
    );
    const { principal, identity } = (await response.json()) as WhoAmI;
    expect(principal.kind).toBe('client');
    expect(identity).toEqual({ 'x-client-id': 'reporting-job', 'x-user-scopes': 'orders:read profile:read' });
  });
});

describe(`${AuthModule.name} with a second, unrelated issuer (e2e)`, () => {
  it('accepts its tokens when configured only by jwksUri, issuer and audience', async () => {
    const key = await generateSigningKey('ES256');
    const jwks = await JwksServer.start([key.publicJwk]);
    const issuer = 'https://tenant.other-idp.example/';
    const api = await startTestApp({
      realm: 'other',
      jwt: { jwksUri: jwks.url, issuer, audience: 'https://api.concierge.example' },
    });
    try {
      const token = await signToken(
        key,
        { sub: 'auth0|5f7c', scp: ['orders:read'], azp: 'spa-client' },
        { issuer, audience: 'https://api.concierge.example' },
      );
      const response = await fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as WhoAmI).identity).toEqual({
        'x-user-id': 'auth0|5f7c',
        'x-user-scopes': 'orders:read',
      });
    } finally {
      await api.close();
      await jwks.close();
    }
  });
});

describe(`${AuthModule.name} with HS256 enabled (e2e)`, () => {
  it('accepts HS256 tokens made with the secret and still refuses the public key as a secret', async () => {
    const key = await generateSigningKey('RS256');
    const jwks = await JwksServer.start([key.publicJwk]);
    const secret = 's'.repeat(32);
    const api = await startTestApp({
      realm: 'hs',
      jwt: { jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE, hs256Secret: secret },
    });
    try {
      const payload = { sub: 'user-1', iss: ISSUER, aud: AUDIENCE, exp: now() + 300, scope: 'orders:read' };
      const unsigned = handMadeToken({ alg: 'HS256', typ: 'at+jwt', kid: key.kid }, payload).slice(0, -1);
      const sign = (s: string) =>
        `${unsigned}.${createHmac('sha256', s).update(unsigned).digest('base64url')}`;
      const call = (t: string) => fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${t}` } });
      expect((await call(sign(secret))).status).toBe(200);
      expect((await call(sign(key.publicPem))).status).toBe(401);
    } finally {
      await api.close();
      await jwks.close();
    }
  });
});

function now(): number {
  return Math.floor(Date.now() / 1000);
}
