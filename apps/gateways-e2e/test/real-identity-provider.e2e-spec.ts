import { setTimeout as sleep } from 'node:timers/promises';
import { decodeJwt } from 'jose';
import {
  OIDC_TEST_AUDIENCE as API,
  LogLines,
  spawnApp,
  startDemoServices,
  startOidcIssuer,
  type DemoServices,
  type OidcIssuer,
  type SpawnedApp,
} from '@concierge/shared/util-testing';

const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'RS384', 'ES384', 'EdDSA'] as const;
const ALICE = 'u-1001';
const PRODUCT = '/catalog/products/p-0001';

/**
 * The built web gateway with panva's oidc-provider 8 (a certified OpenID Provider nobody here wrote) as its
 * only issuer, configured by discovery alone: `JWT_ISSUER` and `JWT_AUDIENCE`. The provider's access tokens
 * are RFC 9068 JWTs (`typ: at+jwt`, `client_id` equal to `sub` for client credentials), so the defaults of
 * `JWT_TOKEN_TYPES` and `JWT_CLIENT_CLAIM` fit it. Set here for the test's sake only: no clock leeway (the
 * expiry test) and key sets kept 1 s (`JWT_JWKS_MIN_MAX_AGE_SEC`), which the provider's
 * `Cache-Control: max-age=1` asks for (the removal test).
 */
describe('web-bff (built) with oidc-provider as its issuer, configured by discovery only (e2e)', () => {
  let services: DemoServices;
  let idp: OidcIssuer;
  let stranger: OidcIssuer;
  let gateway: SpawnedApp;
  const logs = new LogLines();
  const sentTokens: string[] = [];

  const get = (path: string, token: string) => {
    sentTokens.push(token);
    return fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  };
  const challengeOf = (response: Response) => response.headers.get('www-authenticate') ?? '';
  const userToken = async (alg: string) =>
    (await idp.userTokens({ resource: `${API}/${alg.toLowerCase()}`, account: ALICE })).accessToken;

  beforeAll(async () => {
    [services, idp] = await Promise.all([startDemoServices(), startOidcIssuer()]);
    stranger = await startOidcIssuer(idp.issuer);
    gateway = await spawnApp(
      'web-bff',
      {
        ...services.environment,
        JWT_ISSUER: idp.issuer,
        JWT_AUDIENCE: API,
        JWT_CLOCK_TOLERANCE_SEC: '0',
        JWT_JWKS_MIN_MAX_AGE_SEC: '1',
        LOG_LEVEL: 'info',
        ACCESS_LOG: 'false',
        RATE_LIMIT_DEFAULT: 'off',
      },
      { timeoutMs: 30_000, onStdoutLine: logs.collect },
    );
  }, 60_000);
  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([stranger?.close(), idp?.close(), services?.stop()]);
  });

  it('is ready once the keys named by the metadata are fetched', async () => {
    expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
    // Logged at info before readiness, but written up to 100 ms later (lines go out in batches).
    const read = `issuer metadata read from ${idp.url}/.well-known/openid-configuration: keys at ${idp.url}/jwks`;
    await logs.line((line) => line.msg === read);
  });

  describe.each(ALGORITHMS)('%s', (alg) => {
    it('accepts a user token from the authorization-code flow on a controller route and a declared route', async () => {
      const token = await userToken(alg);
      expect(decodeJwt(token)).toMatchObject({ sub: ALICE, client_id: 'spa', aud: API });

      const orders = await get('/api/orders', token);
      expect(orders.status).toBe(200);
      expect(((await orders.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
      expect((await services.stats('orders')).last?.headers['x-user-id']).toBe(ALICE);
      expect((await get(PRODUCT, token)).status).toBe(200);
    });

    it('accepts a client-credentials token on a controller route and a declared route', async () => {
      const token = await idp.clientToken(`${API}/${alg.toLowerCase()}`);
      expect(decodeJwt(token)).toMatchObject({ sub: 'reporting', client_id: 'reporting', aud: API });

      expect((await get('/api/products', token)).status).toBe(200);
      expect((await get(PRODUCT, token)).status).toBe(200);
    });
  });

  it('refuses a client token on a user-only route with a 403 that names the principal kind', async () => {
    const response = await get('/api/orders', await idp.clientToken(`${API}/es256`));
    expect(response.status).toBe(403);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 403, principal: 'client', acceptedPrincipals: ['user'] });
    expect(String(body['detail'])).toContain('client');
    expect(challengeOf(response)).not.toContain('insufficient_scope');
  });

  it.each([
    [
      'a token for another audience',
      () => idp.clientToken('https://elsewhere.test/rs256'),
      'The access token is not meant for this audience',
    ],
    [
      "a token signed with a second provider's keys under the same issuer name",
      () => stranger.clientToken(`${API}/rs256`),
      'The access token is invalid',
    ],
    [
      'an ID token',
      async () => (await idp.userTokens({ resource: `${API}/rs256`, account: ALICE })).idToken,
      'The token is not an access token',
    ],
    [
      'a JWT of the issuer with the right audience but typ JWT (the ID token of a client named like the API)',
      async () => (await idp.userTokens({ resource: `${API}/rs256`, account: ALICE, clientId: API })).idToken,
      'The token is not an access token',
    ],
  ])('refuses %s with 401, saying why', async (_what, tokenOf, description) => {
    const token = await tokenOf();
    for (const path of ['/api/orders', PRODUCT]) {
      const response = await get(path, token);
      expect(response.status).toBe(401);
      expect(challengeOf(response)).toContain(`error="invalid_token", error_description="${description}"`);
    }
  });

  it('refuses an expired token with 401, saying so', async () => {
    const token = (await idp.userTokens({ resource: `${API}/es256/short`, account: ALICE })).accessToken;
    const { exp } = decodeJwt(token);
    await sleep(Math.max(0, (Number(exp) + 1) * 1000 - Date.now()));
    const response = await get('/api/orders', token);
    expect(response.status).toBe(401);
    expect(challengeOf(response)).toContain('error_description="The access token expired"');
  });

  it('refuses a token after the issuer removed its key, within one refresh, even one it accepted before', async () => {
    const token = await userToken('EdDSA');
    expect((await get('/api/orders', token)).status).toBe(200);
    await idp.removeKey('ed25519');
    // One refresh: the set lives 1 s, is refreshed at least 3 s apart; 20 s only bounds a stuck gateway.
    const deadline = Date.now() + 20_000;
    let response = await get('/api/orders', token);
    while (response.status === 200 && Date.now() < deadline) {
      await sleep(250);
      response = await get('/api/orders', token);
    }
    expect(response.status).toBe(401);
    expect(challengeOf(response)).toContain(
      'error="invalid_token", error_description="The access token is invalid"',
    );
    // Tokens of the keys still published keep working.
    expect((await get('/api/orders', await userToken('ES256'))).status).toBe(200);
  });

  it('logs why each token was refused at info, one line per reason per 10 s, never the token', async () => {
    const refusedOnce = [
      await stranger.clientToken(`${API}/es256`),
      (await idp.userTokens({ resource: `${API}/rs256`, account: ALICE })).idToken,
    ];
    for (const token of refusedOnce) expect((await get('/api/orders', token)).status).toBe(401);
    const wrongAudience = await idp.clientToken('https://elsewhere.test/es256');
    const before = logs.all.length;
    const burst = await Promise.all(Array.from({ length: 20 }, () => get('/api/orders', wrongAudience)));
    expect(burst.map((r) => r.status)).toEqual(Array(20).fill(401));
    // Then a token refused for a reason nothing else in this suite has (its line is written, not rate-
    // limited away): once its line has arrived, so has every line the burst wrote before it.
    expect((await get('/api/orders', 'bm90LWpzb24.e30.end-of-burst')).status).toBe(401);
    await logs.line((l) => l.msg.startsWith('bearer token refused (malformed)'), { from: before });

    const refusals = logs.all.filter((l) => l.msg.startsWith('bearer token refused'));
    for (const reason of ['audience', 'signature', 'type'])
      expect(refusals).toContainEqual(
        expect.objectContaining({ level: 'info', msg: expect.stringContaining(`refused (${reason}): `) }),
      );
    expect(refusals.filter((l) => l.level !== 'info')).toEqual([]);
    // A burst shorter than 10 s writes at most one line of its reason (none while an earlier one is recent).
    const burstLines = logs.all
      .slice(before)
      .filter((l) => l.msg.startsWith('bearer token refused (audience)'));
    expect(burstLines.length).toBeLessThanOrEqual(1);
    // Neither this test's tokens nor any other the suite sent (their signatures are unique) were logged.
    const everything = JSON.stringify(logs.all);
    for (const token of new Set(sentTokens)) expect(everything).not.toContain(token.split('.')[2]);
  });

  it('does not start when JWT_ISSUER differs from the issuer its metadata names, naming both', async () => {
    const configured = `${idp.issuer}/`;
    const failure = spawnApp('web-bff', {
      ...services.environment,
      JWT_ISSUER: configured,
      JWT_AUDIENCE: API,
      LOG_LEVEL: 'warn',
    });
    await expect(failure).rejects.toThrow(/web-bff exited with 1/);
    await expect(failure).rejects.toThrow(
      `JWT_ISSUER is "${configured}" but the issuer's metadata at ${idp.url}/.well-known/openid-configuration says its issuer is "${idp.issuer}"`,
    );
  });
});
