import { bodyOf, startWebGateway, type WebGatewayUnderTest } from './web-gateway';

describe('web-bff GET /api/dashboard (e2e)', () => {
  let gw: WebGatewayUnderTest;
  let token: string;

  beforeAll(async () => {
    gw = await startWebGateway();
    token = await gw.token('alice');
  });
  afterAll(() => gw.close());
  afterEach(async () => {
    for (const service of ['users', 'catalog', 'orders'] as const) await gw.services.resetChaos(service);
  });

  it('merges profile, orders with their products and recommendations from three services', async () => {
    const response = await gw.get('/api/dashboard', token);
    expect(response.status).toBe(200);
    const body = await bodyOf(response);
    expect(body.user).toMatchObject({ id: 'u-1001', displayName: expect.any(String) });
    expect(body.recentOrders.length).toBeGreaterThan(0);
    expect(body.recentOrders[0].items[0].product).toMatchObject({
      id: expect.stringMatching(/^p-/),
      images: expect.any(Object),
    });
    expect(body.recommendations.length).toBeGreaterThan(0);
    expect(body._meta).toEqual({ partial: false, missing: [] });
  });

  it('makes a bounded number of upstream calls and passes the request id and identity on', async () => {
    for (const service of ['users', 'catalog', 'orders'] as const) await gw.services.resetStats(service);
    const response = await gw.get('/api/dashboard', token, {
      'x-request-id': 'dash-e2e-1',
      'x-user-id': 'u-1002',
    });
    expect(response.headers.get('x-request-id')).toBe('dash-e2e-1');
    const [users, catalog, orders] = await Promise.all([
      gw.services.stats('users'),
      gw.services.stats('catalog'),
      gw.services.stats('orders'),
    ]);
    // profile 1 + orders 1 + recommendations 1 + one batch of products per list 2 = 5, whatever the orders.
    expect(users.total + catalog.total + orders.total).toBe(5);
    expect(users.last?.headers['x-request-id']).toBe('dash-e2e-1');
    expect(users.last?.headers['x-user-id']).toBe('u-1001');
    expect(users.last?.headers['authorization']).toBeUndefined();
  });

  it('still answers 200 when an optional part is down, naming what is missing', async () => {
    await gw.services.chaos('orders', { down: true });
    const response = await gw.get('/api/dashboard', token);
    expect(response.status).toBe(200);
    const body = await bodyOf(response);
    expect(body.recentOrders).toBeNull();
    expect(body.user.id).toBe('u-1001');
    expect(body._meta).toEqual({ partial: true, missing: ['orders', 'orderProducts'] });
  });

  it('fails with a problem when the required profile is down', async () => {
    await gw.services.chaos('users', { down: true });
    const response = await gw.get('/api/dashboard', token);
    expect([502, 503]).toContain(response.status);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('answers within the route deadline when a part is slowed past its own', async () => {
    await gw.services.chaos('catalog', { latencyMs: 3_000 });
    const started = Date.now();
    const response = await gw.get('/api/dashboard', token);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);
    expect((await bodyOf(response))._meta.missing).toEqual(expect.arrayContaining(['recommendations']));
    expect(elapsed).toBeLessThan(2_500); // the dashboard's deadline is 1.5 s; the catalog takes 3 s
  });

  it('refuses a request without a token', async () => {
    const response = await fetch(`${gw.url}/api/dashboard`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
  });
});
