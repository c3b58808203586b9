import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  freePort,
  startDemoServices,
  startTestRedis,
  TEST_REDIS_KINDS,
  type DemoServices,
  type TestRedis,
} from '@concierge/shared/util-testing';
import { CookieJar, signIn } from './session-client';
import { listenWebGateway } from './web-gateway';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two web gateway replicas sharing sessions through Redis (a server, then a 3-master Cluster), in front of
 * an identity service whose access tokens live 2 s: a session is served by both, refreshed once however
 * many requests need it (the lock and the session in the Cluster's slots), and ended on both by one
 * back-channel logout (the sub index in another slot).
 */
describe.each(TEST_REDIS_KINDS)('web gateway sessions across replicas on a Redis %s', (kind) => {
  let redis: TestRedis;
  let services: DemoServices;
  let replicas: NestFastifyApplication[] = [];
  let urls: string[];

  beforeAll(async () => {
    redis = await startTestRedis(kind, 'session');
    const port = await freePort();
    const publicOrigin = `http://127.0.0.1:${port}`;
    services = await startDemoServices({ IDENTITY_WEB_ORIGIN: publicOrigin, IDENTITY_TOKEN_TTL_SEC: '2' });
    const env = {
      OIDC_ISSUER: services.urls.identity,
      OIDC_CLIENT_ID: 'web-bff',
      OIDC_CLIENT_SECRET: 'web-bff-demo-secret-not-for-production',
      PUBLIC_ORIGIN: publicOrigin,
      SESSION_SECRET: 'replica-test-session-secret-32-characters-or-more',
      SESSION_KEY_PREFIX: redis.prefix,
      ...redis.environment,
    };
    // The first replica answers on the public origin (the provider's registered redirect and back-channel URL).
    replicas = [await listenWebGateway(services, env, port), await listenWebGateway(services, env)];
    urls = await Promise.all(replicas.map((r) => r.getUrl()));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await services?.stop();
    await redis?.stop();
  });

  // Both replicas stand behind one origin: the browser's headers name it, whichever one answers.
  const call = (replica: number, path: string, jar: CookieJar) =>
    fetch(`${urls[replica]}${path}`, {
      headers: { cookie: jar.header(), 'x-csrf': '1', 'sec-fetch-site': 'same-origin' },
    });

  it('serves a session made on one replica from the other', async () => {
    const jar = new CookieJar();
    await signIn(urls[0], jar);
    const user = await call(1, '/bff/user', jar);
    expect(user.status).toBe(200);
    expect(((await user.json()) as { claims: unknown }).claims).toMatchObject({ name: 'Alice Liddell' });
  });

  it('refreshes an expiring access token once for 20 parallel requests on two replicas, and keeps serving', async () => {
    const jar = new CookieJar();
    await signIn(urls[0], jar);
    // Past the refresh point (a quarter of the 2 s lifetime before expiry) and past expiry itself.
    await sleep(2100);
    await services.resetStats('identity');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call(i % 2, '/api/dashboard', jar)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const stats = await services.stats('identity');
    expect(stats.byRoute['POST /oauth/token']).toBe(1);
  });

  it('ends the session on both replicas when the provider sends one back-channel logout', async () => {
    const jar = new CookieJar();
    await signIn(urls[1], jar, { username: 'bob', password: 'builder' });
    expect((await call(0, '/bff/user', jar)).status).toBe(200);
    const logout = await fetch(`${services.urls.identity}/admin/sessions/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'u-1002' }),
    });
    expect(((await logout.json()) as { deliveries: unknown }).deliveries).toEqual([
      { clientId: 'web-bff', status: 200 },
    ]);
    expect((await call(0, '/bff/user', jar)).status).toBe(401);
    expect((await call(1, '/bff/user', jar)).status).toBe(401);
    expect((await call(1, '/api/dashboard', jar)).status).toBe(401);
  });
});
