import { passwordToken, spawnApp, type SpawnedApp } from '@concierge/shared/util-testing';
import { bodyOf, startMobileGateway, type MobileGatewayUnderTest } from './mobile-gateway';

describe('mobile-bff GET /api/home (e2e)', () => {
  let gw: MobileGatewayUnderTest;
  let token: string;

  beforeAll(async () => {
    gw = await startMobileGateway();
    token = await gw.token('alice');
  });
  afterAll(() => gw.close());
  afterEach(async () => {
    for (const service of ['users', 'catalog', 'orders'] as const) await gw.services.resetChaos(service);
  });

  it('merges the profile, the last three orders with thumbnails and six recommendations from three services', async () => {
    for (const service of ['users', 'catalog', 'orders'] as const) await gw.services.resetStats(service);
    const response = await gw.get('/api/home', token);
    expect(response.status).toBe(200);
    const body = await bodyOf(response);
    expect(body.user).toEqual({ name: 'Alice', avatar: expect.stringMatching(/^https:\/\//) });
    expect(body.currency).toMatch(/^[A-Z]{3}$/);
    expect(body.orders).toHaveLength(3);
    expect(body.orders[0]).toEqual({
      id: expect.any(String),
      status: expect.any(String),
      total: expect.any(Number),
      thumb: expect.stringMatching(/thumbnail/),
    });
    expect(body.recommended).toHaveLength(6);
    expect(body.recommended[0]).toEqual({
      id: expect.stringMatching(/^p-/),
      name: expect.any(String),
      price: expect.any(Number),
      thumb: expect.stringMatching(/thumbnail/),
    });
    expect(body._meta).toBeUndefined();
    const [users, catalog, orders] = await Promise.all([
      gw.services.stats('users'),
      gw.services.stats('catalog'),
      gw.services.stats('orders'),
    ]);
    expect([users.total, orders.total, catalog.total]).toEqual([1, 1, 3]); // profile; orders; recommendations + two product batches
  });

  it('still answers 200 when the orders service is down, with the orders null and named as missing', async () => {
    await gw.services.chaos('orders', { down: true });
    const response = await gw.get('/api/home', token);
    expect(response.status).toBe(200);
    const body = await bodyOf(response);
    expect(body.orders).toBeNull();
    expect(body.recommended.length).toBeGreaterThan(0);
    expect(body._meta).toEqual({ partial: true, missing: ['orders'] });
  });

  it('fails with a problem when the required profile is down', async () => {
    await gw.services.chaos('users', { down: true });
    const response = await gw.get('/api/home', token);
    expect([502, 503]).toContain(response.status);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(response.headers.get('etag')).toBeNull();
  });

  it('refuses a request without a token, and a token without the scopes', async () => {
    const anonymous = await fetch(`${gw.url}/api/home`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer realm="concierge-mobile"/);
    const catalogOnly = await passwordToken(gw.services.urls.identity, 'alice', 'wonderland', 'catalog:read');
    expect((await gw.get('/api/home', catalogOnly)).status).toBe(403);
  });

  describe('payload budget against the web gateway', () => {
    let web: SpawnedApp;
    beforeAll(async () => {
      web = await spawnApp('web-bff', { ...gw.serviceEnv, ACCESS_LOG: 'false' });
    });
    afterAll(() => web?.stop());

    it('is at most 40% of the bytes of web GET /api/dashboard for the same user', async () => {
      const identity = { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' };
      const [dashboard, home] = await Promise.all([
        fetch(`${web.url}/api/dashboard`, { headers: identity }),
        fetch(`${gw.url}/api/home`, { headers: identity }),
      ]);
      expect(dashboard.status).toBe(200);
      expect(home.status).toBe(200);
      const webBytes = (await dashboard.arrayBuffer()).byteLength;
      const mobileBytes = (await home.arrayBuffer()).byteLength;
      expect(webBytes).toBeGreaterThan(0);
      expect(mobileBytes / webBytes).toBeLessThanOrEqual(0.4);
    });
  });
});
