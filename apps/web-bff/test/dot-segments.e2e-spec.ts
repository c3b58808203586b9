import { sendRaw } from '@concierge/shared/util-testing';
import { startWebGateway, type WebGatewayUnderTest } from './web-gateway';

// Raw bytes on purpose: curl and fetch resolve dot segments (`%2e%2e` included) before sending, so a test
// through them would pass whatever the gateway does.
describe('path parameters that are dot segments', () => {
  let gw: WebGatewayUnderTest;
  let port: number;
  let token: string;

  beforeAll(async () => {
    gw = await startWebGateway();
    port = Number(new URL(gw.url).port);
    token = await gw.token('alice');
  }, 60_000);
  afterAll(() => gw?.close());

  const get = (path: string) =>
    sendRaw(
      port,
      `GET ${path} HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
      5000,
    );

  it.each([
    ['a controller route, %2e%2e', '/api/products/%2e%2e'],
    ['a controller route, %2E', '/api/products/%2E'],
    ['a controller route, mixed plain and encoded dot', '/api/products/.%2E'],
    ['a declared route, %2e%2e', '/catalog/products/%2e%2e'],
  ])('%s is refused with 400 and never reaches the catalog', async (_name, path) => {
    await gw.services.resetStats('catalog');

    const outcome = await get(path);

    expect(outcome.status).toBe(400);
    expect(outcome.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(outcome.body.toString())).toMatchObject({ status: 400 });
    expect((await gw.services.stats('catalog')).total).toBe(0);
  });
});
