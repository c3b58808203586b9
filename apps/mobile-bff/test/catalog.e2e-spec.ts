import { bodyOf, startMobileGateway, type MobileGatewayUnderTest } from './mobile-gateway';

describe('mobile-bff GET /api/catalog/products/:id (e2e)', () => {
  let gw: MobileGatewayUnderTest;

  beforeAll(async () => {
    gw = await startMobileGateway();
  });
  afterAll(() => gw.close());

  it('hands on the catalog service answer as it is, in one call', async () => {
    await gw.services.resetStats('catalog');
    const response = await gw.get('/api/catalog/products/p-0001', await gw.token('alice'));
    expect(response.status).toBe(200);
    const direct = await (await fetch(`${gw.services.urls.catalog}/products/p-0001`)).json();
    expect(await bodyOf(response)).toEqual(direct);
    expect((await gw.services.stats('catalog')).total).toBe(2); // the gateway's call, then the test's own
  });

  it('passes the catalog 404 on as problem+json', async () => {
    const response = await gw.get('/api/catalog/products/p-9999', await gw.token('alice'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
