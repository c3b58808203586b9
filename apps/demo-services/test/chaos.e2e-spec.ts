import type { ChaosStats } from '@concierge/shared/util-contracts';
import { SERVICE_NAMES } from '../src/config/demo-config';
import type { RunningDemoServices } from '../src/demo-services';
import { call, startForTest } from './support/start';

/** One cheap API route per service, to prove the switches apply to every one of them. */
const PROBES = {
  identity: '/.well-known/jwks.json',
  users: '/users/u-1001',
  catalog: '/products/p-0001',
  orders: '/orders?userId=u-1001',
  devices: '/devices/dev-0001',
  consumers: '/apps/acme-tools',
} as const;

describe('fault injection', () => {
  let services: RunningDemoServices;
  let catalog: string;

  beforeAll(async () => {
    services = await startForTest();
    catalog = services.urls.catalog;
  });
  afterAll(() => services.close());
  beforeEach(async () => {
    await Promise.all(SERVICE_NAMES.map((s) => fetch(`${services.urls[s]}/__chaos`, { method: 'DELETE' })));
    await Promise.all(
      SERVICE_NAMES.map((s) => fetch(`${services.urls[s]}/__chaos/stats`, { method: 'DELETE' })),
    );
  });

  const chaos = (base: string, settings: unknown) =>
    call(`${base}/__chaos`, { method: 'PUT', json: settings });

  it.each(SERVICE_NAMES)(
    'takes %s down with 503 problems while /__chaos keeps working, and back up',
    async (service) => {
      const base = services.urls[service];
      expect((await call(`${base}${PROBES[service]}`)).status).toBe(200);
      expect((await chaos(base, { down: true })).body).toEqual({ latencyMs: 0, errorRate: 0, down: true });

      const down = await call(`${base}${PROBES[service]}`);
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(down.body).toMatchObject({ status: 503, detail: expect.stringContaining(service) });
      expect((await call(`${base}/__chaos/stats`)).status).toBe(200);

      expect((await call(`${base}/__chaos`, { method: 'DELETE' })).body).toEqual({
        latencyMs: 0,
        errorRate: 0,
        down: false,
      });
      expect((await call(`${base}${PROBES[service]}`)).status).toBe(200);
    },
  );

  it('delays every API response by at least latencyMs', async () => {
    await chaos(catalog, { latencyMs: 300 });
    const started = performance.now();
    const { status } = await call(`${catalog}/products/p-0001`);
    expect(status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const missingStarted = performance.now();
    expect((await call(`${catalog}/nowhere`)).status).toBe(404);
    expect(performance.now() - missingStarted).toBeGreaterThanOrEqual(290);
  });

  it('answers 503 to all calls at errorRate 1 and to some at errorRate 0.5', async () => {
    await chaos(catalog, { errorRate: 1 });
    const all = await Promise.all(Array.from({ length: 10 }, () => call(`${catalog}/products/p-0002`)));
    expect(all.every((r) => r.status === 503)).toBe(true);

    await chaos(catalog, { errorRate: 0.5 });
    const half = await Promise.all(Array.from({ length: 60 }, () => call(`${catalog}/products/p-0002`)));
    const failed = half.filter((r) => r.status === 503).length;
    // 60 fair coin flips all landing one way happens about once in 10^18 runs.
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(60);
  });

  it('counts every API call by route, rejected ones included, and shows what the last one carried', async () => {
    await call(`${catalog}/products/p-0001`);
    await call(`${catalog}/products/p-0002`);
    await call(`${catalog}/products?ids=p-0001`);
    await chaos(catalog, { down: true });
    await call(`${catalog}/products/p-0003?x=1`, {
      headers: {
        'x-request-id': 'trace-me',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        'x-user-id': 'u-1001',
      },
    });

    const stats = (await call<ChaosStats>(`${catalog}/__chaos/stats`)).body;
    expect(stats.total).toBe(4);
    expect(stats.byRoute).toEqual({ 'GET /products/:id': 3, 'GET /products': 1 });
    expect(stats.last).toMatchObject({
      method: 'GET',
      url: '/products/p-0003?x=1',
      headers: {
        'x-request-id': 'trace-me',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        'x-user-id': 'u-1001',
      },
    });

    expect((await call(`${catalog}/__chaos/stats`, { method: 'DELETE' })).status).toBe(204);
    expect((await call<ChaosStats>(`${catalog}/__chaos/stats`)).body).toEqual({
      total: 0,
      byRoute: {},
      last: null,
    });
  });

  it('counts calls to unknown routes too, answering them 404 problems', async () => {
    const missing = await call(`${services.urls.users}/no/such/route`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await call<ChaosStats>(`${services.urls.users}/__chaos/stats`)).body.total).toBe(1);
  });

  it('keeps each service’s switches to itself', async () => {
    await chaos(services.urls.orders, { down: true });
    expect((await call(`${catalog}/products/p-0001`)).status).toBe(200);
    expect((await call<ChaosStats>(`${services.urls.orders}/__chaos/stats`)).body.total).toBe(0);
  });

  it.each([
    [{ latencyMs: -5 }, 'latencyMs'],
    [{ errorRate: 1.5 }, 'errorRate'],
    [{ down: 'yes' }, 'down'],
    [{ slow: true }, 'slow'],
  ])('rejects chaos settings %j naming %s, leaving the settings alone', async (settings, field) => {
    const { status, headers, body } = await chaos(catalog, settings);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.errors).toEqual([expect.objectContaining({ field })]);
    expect((await call(`${catalog}/__chaos`)).body).toEqual({ latencyMs: 0, errorRate: 0, down: false });
  });
});
