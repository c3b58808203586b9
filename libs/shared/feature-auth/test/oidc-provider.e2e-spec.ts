import { setTimeout as sleep } from 'node:timers/promises';
import { AuthModule } from '../src';
import { startOidcIssuer, type OidcIssuer } from '@concierge/shared/util-testing';
import { startTestApp, type TestApp, type WhoAmI } from './support/test-app';

const API = 'https://api.concierge.test';

describe(`${AuthModule.name} against oidc-provider 8.8.1, configured by discovery only (e2e)`, () => {
  let idp: OidcIssuer;
  let stranger: OidcIssuer;
  let api: TestApp;
  const get = (path: string, token: string) =>
    fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    idp = await startOidcIssuer();
    stranger = await startOidcIssuer(idp.issuer);
    // Only the issuer and the audience: the JWKS URI and the algorithms come from its metadata.
    api = await startTestApp({
      realm: 'oidc',
      jwt: {
        issuer: idp.issuer,
        audience: API,
        clockToleranceSec: 0,
        jwksDefaultMaxAgeMs: 1_000,
        jwksMinMaxAgeMs: 500,
        jwksMinRefetchIntervalMs: 300,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await stranger?.close();
    await idp?.close();
  });

  it.each(['RS256', 'PS256', 'ES256', 'RS384', 'ES384', 'EdDSA'])(
    'accepts a %s client-credentials token on a controller route and on a route registered on Fastify, as a client',
    async (alg) => {
      const token = await idp.clientToken(`${API}/${alg.toLowerCase()}`);
      const response = await get('/orders', token);
      expect(response.status).toBe(200);
      const { principal, identity } = (await response.json()) as WhoAmI;
      expect(principal).toMatchObject({ kind: 'client', subject: 'reporting', clientId: 'reporting' });
      expect(identity).toMatchObject({ 'x-client-id': 'reporting' });
      expect((await get('/raw/orders', token)).status).toBe(200);
    },
  );

  it('refuses a client token on a user-only route with a 403 that names the principal kind', async () => {
    const response = await get('/account', await idp.clientToken(`${API}/es256`));
    expect(response.status).toBe(403);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 403, principal: 'client', acceptedPrincipals: ['user'] });
    expect(String(body['detail'])).toContain('client');
    expect(response.headers.get('www-authenticate') ?? '').not.toContain('insufficient_scope');
  });

  it('refuses a token for another audience, saying so', async () => {
    const response = await get('/orders', await idp.clientToken('https://elsewhere.test/rs256'));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain(
      'error_description="The access token is not meant for this audience"',
    );
  });

  it('refuses an expired token, saying so', async () => {
    const token = await idp.clientToken(`${API}/es256/short`);
    await sleep(2_100);
    const response = await get('/orders', token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain(
      'error_description="The access token expired"',
    );
  });

  it("refuses a token signed with a second provider's keys under the same issuer name", async () => {
    const response = await get('/orders', await stranger.clientToken(`${API}/rs256`));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain(
      'error_description="The access token is invalid"',
    );
  });

  it('refuses a token after the issuer removed its key, within one refresh, even one it accepted before', async () => {
    const token = await idp.clientToken(`${API}/eddsa`);
    expect((await get('/orders', token)).status).toBe(200);
    await idp.removeKey('ed25519');
    // The key set lives 1 s (the provider's Cache-Control: max-age=1) and is refreshed before then.
    await sleep(1_500);
    const response = await get('/orders', token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('refuses to start when the configured issuer differs from the one its metadata names, naming both', async () => {
    const configured = `${idp.issuer}/`;
    await expect(startTestApp({ realm: 'oidc', jwt: { issuer: configured, audience: API } })).rejects.toThrow(
      `JWT_ISSUER is "${configured}" but the issuer's metadata at ${idp.url}/.well-known/openid-configuration says its issuer is "${idp.issuer}"`,
    );
  });
});
