import { bodyOf, DEVICE_KEYS, startIotGateway, type IotGatewayUnderTest } from './iot-gateway';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('iot-bff device credentials (e2e)', () => {
  let gw: IotGatewayUnderTest;

  beforeAll(async () => {
    gw = await startIotGateway();
  });
  afterAll(() => gw.close());

  it('accepts a device key in X-Device-Key and in Authorization: ApiKey', async () => {
    for (const via of ['x-device-key', 'apikey'] as const) {
      const response = await gw.call('/api/v1/config', { deviceKey: DEVICE_KEYS['dev-0001'], via });
      expect(response.status).toBe(200);
      expect((await bodyOf(response)).d).toBe('dev-0001');
    }
  });

  it('refuses a wrong key with 401 problem+json and a challenge', async () => {
    for (const via of ['x-device-key', 'apikey'] as const) {
      const response = await gw.call('/api/v1/config', { deviceKey: 'dk_demo0001.not-the-secret', via });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toMatch(/ApiKey realm="concierge-iot"/);
      expect(await bodyOf(response)).toMatchObject({ status: 401 });
    }
  });

  it('refuses a request without credentials with 401', async () => {
    const response = await fetch(`${gw.url}/api/v1/config`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/realm="concierge-iot"/);
  });

  it("accepts a device's client-credentials token as that device", async () => {
    const token = await gw.deviceToken('dev-0001');
    const response = await gw.call('/api/v1/config', { bearer: token });
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).d).toBe('dev-0001');
  });

  it('refuses a user token on every device endpoint with 403 problem+json', async () => {
    const token = await gw.userToken('alice');
    const attempts = [
      gw.call('/api/v1/config', { bearer: token }),
      gw.call(
        '/api/v1/telemetry',
        { bearer: token },
        { body: { readings: [{ seq: 1, ts: '2025-01-01T00:00:00Z', metrics: { t: 1 } }] } },
      ),
      gw.call('/api/v1/commands', { bearer: token }),
      gw.call('/api/v1/commands/cmd-x/ack', { bearer: token }, { method: 'POST' }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
  });

  it('stops accepting a revoked key within 30 s, and keeps refusing it', async () => {
    const issued = await gw.devices('/devices/dev-0002/keys', { method: 'POST' });
    expect(issued.status).toBe(201);
    const { keyId, key } = (await bodyOf(issued)) as { keyId: string; key: string };

    const before = await gw.call('/api/v1/config', { deviceKey: key });
    expect(before.status).toBe(200);
    expect((await bodyOf(before)).d).toBe('dev-0002');

    const revoked = await gw.devices(`/devices/dev-0002/keys/${keyId}`, { method: 'DELETE' });
    expect(revoked.status).toBe(204);
    const revokedAt = Date.now();

    // Poll once a second until the gateway refuses it; the promise is 30 s, the bound leaves a margin.
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 35_000) {
      await sleep(1_000);
      status = (await gw.call('/api/v1/config', { deviceKey: key })).status;
    }
    const flippedAfterMs = Date.now() - revokedAt;
    expect(status).toBe(401);
    expect(flippedAfterMs).toBeLessThanOrEqual(31_000);

    for (let i = 0; i < 3; i++) {
      await sleep(500);
      expect((await gw.call('/api/v1/config', { deviceKey: key })).status).toBe(401);
    }
    // The device's other keys are untouched.
    expect((await gw.call('/api/v1/config', { deviceKey: DEVICE_KEYS['dev-0002'] })).status).toBe(200);
  }, 45_000);
});
