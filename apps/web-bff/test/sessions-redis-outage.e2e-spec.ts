import { eventually, freePort, OwnRedisServer } from '@concierge/shared/util-testing';
import { CookieJar, SESSION, signIn } from './session-client';
import { bodyOf, startWebGateway, type WebGatewayUnderTest } from './web-gateway';

/**
 * The session store's Redis goes away. Sessions cannot be served without it, so a cookie request answers
 * 503 problem+json with `Retry-After` (never a 401 that would end the session, never a hang); bearer-token
 * requests never ask the store and are served as before; the replica stays ready (every replica shares
 * that Redis: leaving the load balancer would refuse the bearer requests too), degraded in its report.
 */
describe('web-bff sessions through an outage of their Redis (e2e)', () => {
  let redis: OwnRedisServer;
  let gateway: WebGatewayUnderTest;
  let origin: string;

  beforeAll(async () => {
    redis = new OwnRedisServer(await freePort());
    await redis.start();
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    gateway = await startWebGateway(
      async (services) => ({
        OIDC_ISSUER: services.urls.identity,
        OIDC_CLIENT_ID: 'web-bff',
        OIDC_CLIENT_SECRET: 'web-bff-demo-secret-not-for-production',
        PUBLIC_ORIGIN: origin,
        SESSION_SECRET: 'outage-test-session-secret-32-characters-or-more',
        REDIS_URL: redis.url,
        RATE_LIMIT_FAIL_MODE: 'open',
      }),
      { port, demoEnv: { IDENTITY_WEB_ORIGIN: origin } },
    );
  }, 60_000);
  afterAll(async () => {
    redis?.resume();
    await gateway?.close();
    await redis?.stop();
  });

  const withCookie = (path: string, jar: CookieJar) =>
    fetch(`${origin}${path}`, {
      headers: { cookie: jar.header(), 'x-csrf': '1', 'sec-fetch-site': 'same-origin' },
    });
  const ready = async () => {
    const response = await fetch(`${origin}/health/ready`);
    return { status: response.status, body: await bodyOf(response) };
  };

  it('answers cookie requests 503 with Retry-After while Redis hangs or is gone, serves bearer requests, and serves the same session once it is back', async () => {
    const jar = new CookieJar();
    await signIn(origin, jar);
    const token = await gateway.token('alice');
    expect((await withCookie('/api/dashboard', jar)).status).toBe(200);

    // Hung (SIGSTOP: connections open, no replies): commands wait out the deadline, then the breaker fails them at once.
    redis.pause();
    for (const path of ['/api/dashboard', '/bff/user']) {
      const refused = await withCookie(path, jar);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // The session is not at fault: its cookie stays.
      expect(refused.headers.getSetCookie().some((c) => c.startsWith(`${SESSION}=`))).toBe(false);
      expect(await bodyOf(refused)).toMatchObject({ status: 503, detail: expect.stringMatching(/Sessions/) });
    }
    expect((await gateway.get('/api/dashboard', token)).status).toBe(200);
    expect(await ready()).toMatchObject({
      status: 200,
      body: { status: 'degraded', degraded: expect.arrayContaining(['session-redis']) },
    });

    redis.resume();
    await eventually(async () => (await withCookie('/bff/user', jar)).status === 200);
    expect((await withCookie('/api/dashboard', jar)).status).toBe(200);
    await eventually(async () => (await ready()).body.status === 'ok');

    // Gone (connection refused): the same answers, at once.
    await redis.stop();
    await eventually(async () => (await withCookie('/api/dashboard', jar)).status === 503);
    const refused = await withCookie('/api/dashboard', jar);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await gateway.get('/api/dashboard', token)).status).toBe(200);
    expect((await ready()).status).toBe(200);
  }, 60_000);
});
