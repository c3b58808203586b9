import { decodeJwt } from 'jose';
import { DEMO_SERVICE_NAMES, startDemoServices, type DemoServices } from './demo-services.process';
import { spawnApp } from './spawn-app';
import { clientToken, passwordToken } from './tokens';

// Runs the built bundle: `nx test shared-util-testing` builds demo-services first (see project.json).
describe(startDemoServices.name, () => {
  let sut: DemoServices;

  beforeAll(async () => {
    sut = await startDemoServices({ IDENTITY_TOKEN_TTL_SEC: '120' });
  }, 30_000);
  afterAll(() => sut?.stop());

  it('starts all six services on distinct ephemeral ports', async () => {
    const ports = Object.values(sut.urls).map((u) => new URL(u).port);
    expect(Object.keys(sut.urls)).toEqual([...DEMO_SERVICE_NAMES]);
    expect(new Set(ports).size).toBe(DEMO_SERVICE_NAMES.length);
    expect(ports).not.toContain('4000');
    expect((await fetch(`${sut.urls.catalog}/products/p-0001`)).status).toBe(200);
  });

  it('names the variable each URL reaches a gateway by, from the one registry', () => {
    expect(sut.environment).toEqual({
      IDENTITY_URL: sut.urls.identity,
      USERS_SERVICE_URL: sut.urls.users,
      CATALOG_SERVICE_URL: sut.urls.catalog,
      ORDERS_SERVICE_URL: sut.urls.orders,
      DEVICES_SERVICE_URL: sut.urls.devices,
      CONSUMERS_SERVICE_URL: sut.urls.consumers,
    });
  });

  it('passes the given environment on to the process', async () => {
    const token = await passwordToken(sut.urls.identity, 'alice', 'wonderland');
    const claims = decodeJwt(token);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(120);
  });

  it('gets tokens by password and by client credentials, and reports refusals', async () => {
    expect(decodeJwt(await passwordToken(sut.urls.identity, 'bob', 'builder', 'catalog:read'))).toMatchObject(
      { sub: 'u-1002', scope: 'catalog:read' },
    );
    expect(decodeJwt(await clientToken(sut.urls.identity, 'dev-0002', 'iot-demo-secret-0002'))).toMatchObject(
      { sub: 'dev-0002', device_id: 'dev-0002' },
    );
    await expect(passwordToken(sut.urls.identity, 'bob', 'wonderland')).rejects.toThrow(/invalid_grant/);
  });

  it('flips chaos switches and reads call counts', async () => {
    await sut.resetStats('users');
    expect(await sut.chaos('users', { down: true })).toEqual({ latencyMs: 0, errorRate: 0, down: true });
    const response = await fetch(`${sut.urls.users}/users/u-1001`, {
      headers: { 'x-request-id': 'helper-check' },
    });
    expect(response.status).toBe(503);
    await sut.resetChaos('users');
    expect((await fetch(`${sut.urls.users}/users/u-1001`)).status).toBe(200);

    const stats = await sut.stats('users');
    expect(stats.total).toBe(2);
    expect(stats.byRoute).toEqual({ 'GET /users/:id': 2 });
    await sut.resetStats('users');
    expect((await sut.stats('users')).total).toBe(0);
    await expect(sut.chaos('users', { errorRate: 3 })).rejects.toThrow(/400/);
  });

  it('fails with the process’s stderr when it cannot start', async () => {
    await expect(startDemoServices({ CATALOG_PORT: 'not-a-port' })).rejects.toThrow(
      /exited with 1[\s\S]*CATALOG_PORT/,
    );
  });

  it('stops the process on SIGTERM', async () => {
    const other = await startDemoServices();
    await other.stop();
    await expect(fetch(`${other.urls.catalog}/products/p-0001`)).rejects.toThrow();
  }, 30_000);
});

describe(spawnApp.name, () => {
  it('says which bundle is missing and how to build it', async () => {
    await expect(spawnApp('no-such-app')).rejects.toThrow(
      /dist\/apps\/no-such-app\/main\.js.*nx build no-such-app/,
    );
  });
});
