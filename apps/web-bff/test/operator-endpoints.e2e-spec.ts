import { bodyOf, startWebGateway, type WebGatewayUnderTest } from './web-gateway';

describe('web-bff operator endpoints live on the admin listener (e2e)', () => {
  let gw: WebGatewayUnderTest;
  beforeAll(async () => {
    gw = await startWebGateway();
  });
  afterAll(() => gw.close());

  it.each(['/metrics', '/health/upstreams', '/admin/config'])(
    'the client port answers 404 for %s, naming no internal service URL',
    async (path) => {
      const response = await fetch(`${gw.url}${path}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const text = await response.text();
      for (const internal of Object.values(gw.services.urls))
        expect(text).not.toContain(new URL(internal).host);
    },
  );

  it('the admin port lists the upstreams with their breakers and serves the metrics', async () => {
    const upstreams = await bodyOf(await fetch(`${gw.adminUrl}/health/upstreams`));
    expect(upstreams.upstreams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'catalog', baseUrl: gw.services.urls.catalog, breaker: 'closed' }),
      ]),
    );
    const metrics = await fetch(`${gw.adminUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^# HELP /m);
  });

  it("names the client's own path, not the catalog's, when a declared route's upstream answers 404", async () => {
    const response = await gw.get('/api/catalog/products/p-nope', await gw.token());
    expect(response.status).toBe(404);
    const body = await bodyOf(response);
    expect(body.instance).toBe('/api/catalog/products/p-nope');
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('keeps the probes and the docs on the client port', async () => {
    for (const path of ['/health/live', '/health/ready', '/docs-json'])
      expect((await fetch(`${gw.url}${path}`)).status).toBe(200);
  });
});
