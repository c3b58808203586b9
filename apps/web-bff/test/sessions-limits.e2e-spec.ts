import { freePort } from '@concierge/shared/util-testing';
import { bodyOf, startWebGateway, type WebGatewayUnderTest } from './web-gateway';

/**
 * The token handler's own routes under the gateway's rate limit (RATE_LIMIT_DEFAULT, a bucket of their own
 * per client IP) and in its OpenAPI document.
 */
describe('web gateway /bff/* routes: rate limit and API docs', () => {
  let gateway: WebGatewayUnderTest;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    gateway = await startWebGateway(
      async (services) => ({
        OIDC_ISSUER: services.urls.identity,
        OIDC_CLIENT_ID: 'web-bff',
        OIDC_CLIENT_SECRET: 'web-bff-demo-secret-not-for-production',
        PUBLIC_ORIGIN: origin,
        SESSION_SECRET: 'limits-test-session-secret-of-32-characters',
        RATE_LIMIT_DEFAULT: '5/60s',
      }),
      { port, demoEnv: { IDENTITY_WEB_ORIGIN: origin } },
    );
  });
  afterAll(() => gateway?.close());

  it('limits /bff/* per client IP with the default policy: RateLimit headers, then 429 problem+json with Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      const login = await fetch(`${origin}/bff/login`, { redirect: 'manual' });
      expect(login.status).toBe(302);
      expect(login.headers.get('ratelimit-policy')).toBe('"bff";q=5;w=60');
    }
    const user = await fetch(`${origin}/bff/user`, { headers: { 'x-csrf': '1' } });
    expect(user.status).toBe(429);
    expect(user.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(user.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await bodyOf(user)).toMatchObject({ status: 429, type: expect.stringContaining('rate-limited') });
    // A signed-in user's API budget is another bucket.
    const dashboard = await gateway.get('/api/dashboard', await gateway.token());
    expect(dashboard.status).toBe(200);
  });

  it('lists every /bff/* route in the OpenAPI document', async () => {
    const document = await bodyOf(await fetch(`${origin}/docs-json`));
    expect(Object.keys(document.paths['/bff/login'])).toEqual(['get']);
    expect(Object.keys(document.paths['/bff/callback'])).toEqual(['get']);
    expect(Object.keys(document.paths['/bff/user'])).toEqual(['get']);
    expect(Object.keys(document.paths['/bff/logout'])).toEqual(['post']);
    expect(Object.keys(document.paths['/bff/backchannel-logout'])).toEqual(['post']);
    expect(document.paths['/bff/user'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'x-csrf', in: 'header', required: true })]),
    );
    expect(document.paths['/bff/login'].get.responses['429']).toBeDefined();
    expect(
      document.paths['/bff/user'].get.responses['200'].content['application/json'].schema.required,
    ).toEqual(['sub', 'claims', 'session', 'logoutUrl']);
  });
});
