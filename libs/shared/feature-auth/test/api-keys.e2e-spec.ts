import type { ApiKeyVerification } from '../src';
import { AuthModule } from '../src';
import { FakeKeyVerifier } from './support/fake-key-verifier';
import { startJwksWithKey, type JwksServer } from './support/jwks-server';
import { startTestApp, type TestApp, type WhoAmI } from './support/test-app';

const CACHE_TTL_MS = 300;

/** The consumers service's one known key. */
const ACME_KEY = {
  clientId: 'acme',
  keyId: 'acme',
  scopes: ['orders:read'],
  roles: ['partner'],
  claims: { plan: 'free' },
};

describe(`${AuthModule.name} with client API keys (e2e)`, () => {
  let jwks: JwksServer;
  let consumers: FakeKeyVerifier<ApiKeyVerification>;
  let api: TestApp;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.url}${path}`, { headers });

  beforeAll(async () => ({ jwks } = await startJwksWithKey()));
  beforeEach(async () => {
    consumers = new FakeKeyVerifier<ApiKeyVerification>({ 'ck_acme.secret': ACME_KEY });
    api = await startTestApp({
      realm: 'concierge-partner',
      jwt: { jwksUri: jwks.url, issuer: 'https://id.test/', audience: 'concierge' },
      apiKeys: { verifier: consumers.verify, cacheTtlMs: CACHE_TTL_MS, negativeCacheTtlMs: 100 },
    });
  });
  afterEach(() => api.close());
  afterAll(() => jwks.close());

  it.each([
    ['X-Api-Key', { 'x-api-key': 'ck_acme.secret' }],
    ['Authorization: ApiKey', { authorization: 'ApiKey ck_acme.secret' }],
  ])('accepts a valid key in %s as the client it belongs to, with its claims', async (_name, headers) => {
    const response = await get('/orders', { ...headers, 'x-client-id': 'someone-else' });
    expect(response.status).toBe(200);
    const { principal, identity } = (await response.json()) as WhoAmI;
    expect(principal).toMatchObject({
      kind: 'client',
      clientId: 'acme',
      claims: { plan: 'free', key_id: 'acme', client_id: 'acme' },
    });
    expect(identity).toEqual({
      'x-client-id': 'acme',
      'x-user-scopes': 'orders:read',
      'x-user-roles': 'partner',
    });
  });

  it('refuses a wrong key with 401 and an ApiKey challenge that says the API key is invalid', async () => {
    const response = await get('/orders', { 'x-api-key': 'ck_acme.wrong' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'ApiKey realm="concierge-partner", error="invalid_token", error_description="The API key is invalid", Bearer realm="concierge-partner"',
    );
  });

  it('stops accepting a revoked key once the cache TTL has passed, asking the verifier once meanwhile', async () => {
    const call = () => get('/orders', { 'x-api-key': 'ck_acme.secret' });
    for (let i = 0; i < 3; i++) expect((await call()).status).toBe(200);
    expect(consumers.calls).toBe(1);
    consumers.revoked.add('ck_acme.secret');
    await sleep(CACHE_TTL_MS + 50);
    expect((await call()).status).toBe(401);
  });

  it('answers 503, not 401, while the verifier cannot be asked', async () => {
    consumers.down = true;
    expect((await get('/orders', { 'x-api-key': 'ck_acme.secret' })).status).toBe(503);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
