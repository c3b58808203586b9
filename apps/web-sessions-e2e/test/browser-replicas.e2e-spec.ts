import type { Browser } from 'playwright-core';
import {
  freePort,
  spawnApp,
  startDemoServices,
  startTestRedis,
  type DemoServices,
  type SpawnedApp,
  type TestRedis,
} from '@concierge/shared/util-testing';
import { launchChromium } from '@concierge/shared/util-testing/chromium';
import { apiCall, signInAsAlice } from './app-page';
import { startReplicaSwitch, type ReplicaSwitch } from './replica-switch';
import { sessionGatewayEnv } from './web-gateway';

/**
 * Two built web gateway replicas sharing sessions through Redis, behind one origin (the `__Host-` cookie
 * is that origin's), in a real Chromium: a session made on one replica is served by the other, and one
 * back-channel logout from the provider ends it on both.
 */
describe('browser sessions across two web gateway replicas on Redis (Chromium)', () => {
  let redis: TestRedis;
  let services: DemoServices;
  let replicas: SpawnedApp[] = [];
  let front: ReplicaSwitch;
  let browser: Browser;

  beforeAll(async () => {
    redis = await startTestRedis('server', 'browser-sessions');
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    services = await startDemoServices({ IDENTITY_WEB_ORIGIN: origin });
    const env = {
      ...sessionGatewayEnv(services, origin),
      ...redis.environment,
      SESSION_KEY_PREFIX: redis.prefix,
    };
    replicas = await Promise.all([0, 1].map(() => spawnApp('web-bff', env, { timeoutMs: 30_000 })));
    front = await startReplicaSwitch(
      port,
      replicas.map((r) => r.port),
    );
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await front?.close();
    await Promise.all(replicas.map((r) => r.stop()));
    await services?.stop();
    await redis?.stop();
  });

  it('serves a session made on replica A from replica B; one back-channel logout from the provider ends it on both', async () => {
    const context = await browser.newContext();
    front.use(0);
    const page = await signInAsAlice(context, front.url, services.urls.identity);
    const servedByB = front.served[1];
    expect(servedByB).toBe(0);

    // Replica B has never seen this browser: it finds the session in Redis.
    front.use(1);
    await page.reload();
    await page.waitForSelector('#user-name:has-text("Alice Liddell")');
    expect((await apiCall(page, '/bff/user')).body.claims.name).toBe('Alice Liddell');
    expect(front.served[1]).toBeGreaterThan(servedByB);

    // The provider signs alice out everywhere; its back-channel call reaches replica A.
    front.use(0);
    const logout = await fetch(`${services.urls.identity}/admin/sessions/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'u-1001' }),
    });
    expect(((await logout.json()) as { deliveries: unknown }).deliveries).toEqual([
      { clientId: 'web-bff', status: 200 },
    ]);
    for (const replica of [1, 0]) {
      front.use(replica);
      expect((await apiCall(page, '/bff/user')).status).toBe(401);
      expect((await apiCall(page, '/api/dashboard')).status).toBe(401);
    }
    front.use(1);
    await page.reload();
    await page.waitForSelector('#sign-in:visible');
    await context.close();
  });
});
