import type { DeviceKeyVerification } from '@concierge/shared/util-contracts';
import { AuthModule } from '../src';
import { FakeKeyVerifier } from './support/fake-key-verifier';
import { startJwksWithKey, type JwksServer } from './support/jwks-server';
import { signToken, type SigningKey } from './support/signing-keys';
import { startTestApp, type TestApp, type WhoAmI } from './support/test-app';

const ISSUER = 'https://id.concierge.test/';
const AUDIENCE = 'concierge-iot';
const CACHE_TTL_MS = 300;

/** The devices service's one known key. */
const THERMOSTAT_KEY = { deviceId: 'thermo-1', keyId: 'k1', scopes: ['devices:telemetry', 'devices:config'] };

describe(`${AuthModule.name} with device credentials (e2e)`, () => {
  let jwks: JwksServer;
  let key: SigningKey;
  let devices: FakeKeyVerifier<DeviceKeyVerification>;
  let api: TestApp;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api.url}${path}`, { headers });

  beforeAll(async () => ({ key, jwks } = await startJwksWithKey()));
  beforeEach(async () => {
    devices = new FakeKeyVerifier<DeviceKeyVerification>({ dk_live_thermostat_1: THERMOSTAT_KEY });
    api = await startTestApp({
      realm: 'concierge-iot',
      jwt: { jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE, clockToleranceSec: 60 },
      deviceKeys: { verifier: devices.verify, cacheTtlMs: CACHE_TTL_MS, negativeCacheTtlMs: 100 },
    });
  });
  afterEach(() => api.close());
  afterAll(() => jwks.close());

  it.each([
    ['Authorization: ApiKey', { authorization: 'ApiKey dk_live_thermostat_1' }],
    ['X-Device-Key', { 'x-device-key': 'dk_live_thermostat_1' }],
  ])(
    'accepts a valid key in %s; the principal and the upstream identity are the device',
    async (_name, headers) => {
      const response = await get('/device/config', {
        ...headers,
        'x-device-id': 'someone-else',
        'x-user-id': 'admin',
      });
      expect(response.status).toBe(200);
      const { principal, identity } = (await response.json()) as WhoAmI;
      expect(principal).toMatchObject({
        kind: 'device',
        deviceId: 'thermo-1',
        scopes: ['devices:telemetry', 'devices:config'],
      });
      expect(identity).toEqual({
        'x-device-id': 'thermo-1',
        'x-user-scopes': 'devices:telemetry devices:config',
        'x-user-roles': 'device',
      });
    },
  );

  it('rejects a wrong key with 401 and an ApiKey challenge', async () => {
    const response = await get('/device/config', { authorization: 'ApiKey dk_wrong' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'ApiKey realm="concierge-iot", error="invalid_token", error_description="The device key is invalid", Bearer realm="concierge-iot"',
    );
    expect(await response.json()).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('names both schemes when no credentials were sent', async () => {
    const response = await get('/device/config');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="concierge-iot", ApiKey realm="concierge-iot"',
    );
  });

  it('asks the devices service once while the answer is cached', async () => {
    for (let i = 0; i < 5; i++)
      expect((await get('/device/config', { 'x-device-key': 'dk_live_thermostat_1' })).status).toBe(200);
    expect(devices.calls).toBe(1);
  });

  it('stops accepting a revoked key once the cache TTL has passed', async () => {
    const call = () => get('/device/config', { 'x-device-key': 'dk_live_thermostat_1' });
    expect((await call()).status).toBe(200);
    devices.revoked.add('dk_live_thermostat_1');
    expect((await call()).status).toBe(200); // still cached: revocation takes effect within the TTL
    await sleep(CACHE_TTL_MS + 50);
    expect((await call()).status).toBe(401);
  });

  it('answers 503, not 401, while the devices service cannot be asked', async () => {
    devices.down = true;
    const response = await get('/device/config', { 'x-device-key': 'dk_live_thermostat_1' });
    expect(response.status).toBe(503);
    devices.down = false;
    expect((await get('/device/config', { 'x-device-key': 'dk_live_thermostat_1' })).status).toBe(200);
  });

  it('refuses a device on a route that needs a scope it lacks', async () => {
    expect((await get('/orders', { 'x-device-key': 'dk_live_thermostat_1' })).status).toBe(403);
  });

  it('accepts a device client-credentials JWT (device_id, roles ["device"]) as the device', async () => {
    const token = await signToken(
      key,
      {
        sub: 'device-client-7',
        client_id: 'device-client-7',
        device_id: 'meter-7',
        roles: ['device'],
        scope: 'devices:telemetry',
      },
      { issuer: ISSUER, audience: AUDIENCE },
    );
    const response = await get('/device/config', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    const { principal, identity } = (await response.json()) as WhoAmI;
    expect(principal).toMatchObject({ kind: 'device', deviceId: 'meter-7', clientId: 'device-client-7' });
    expect(identity).toEqual({
      'x-device-id': 'meter-7',
      'x-user-scopes': 'devices:telemetry',
      'x-user-roles': 'device',
    });
  });

  it('accepts a token expired within the IoT clock tolerance of 60 s', async () => {
    const token = await signToken(
      key,
      { sub: 'd', device_id: 'meter-7', roles: ['device'] },
      { issuer: ISSUER, audience: AUDIENCE, expiresInSec: -30 },
    );
    expect((await get('/device/config', { authorization: `Bearer ${token}` })).status).toBe(200);
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
