import { sendRaw, type SpawnedApp } from '@concierge/shared/util-testing';
import { spawnWebBffAlone } from './support/web-bff-alone';

describe('a known path with a wrong method (e2e, built bundle)', () => {
  let gateway: SpawnedApp;

  beforeAll(async () => {
    gateway = await spawnWebBffAlone({ RATE_LIMIT_DEFAULT: 'off' });
  }, 40_000);
  afterAll(() => gateway?.stop());

  const call = (method: string, path: string) =>
    sendRaw(
      gateway.port,
      `${method} ${path} HTTP/1.1\r\nHost: gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      5_000,
    );

  it.each([
    ['a declared route', 'DELETE', '/catalog/categories', 'GET, HEAD'],
    ['a controller route', 'DELETE', '/api/products', 'GET, HEAD'],
    ['a controller route with a parameter', 'PUT', '/api/products/p-1', 'GET, HEAD'],
    ['the health endpoint', 'POST', '/health/live', 'GET, HEAD'],
  ])(
    'answers %s with 405 problem+json and the methods it takes in Allow',
    async (_kind, method, path, allow) => {
      const response = await call(method, path);
      expect(response.status).toBe(405);
      expect(response.headers['allow']).toBe(allow);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.body.toString('utf8'))).toMatchObject({ status: 405, instance: path });
    },
  );

  it('still answers a path no route knows with 404', async () => {
    const response = await call('DELETE', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers['allow']).toBeUndefined();
  });
});
