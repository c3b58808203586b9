import type { DeviceCommand, TelemetryReading, TelemetryResult } from '@concierge/shared/util-contracts';
import type { RunningDemoServices } from '../src/demo-services';
import { call, startForTest, type Loose } from './support/start';

const reading = (seq: number): TelemetryReading => ({
  seq,
  ts: new Date(Date.UTC(2025, 5, 1, 12, 0, seq)).toISOString(),
  metrics: { temperatureC: 20.5, humidityPct: 40 + seq },
});

describe('devices service', () => {
  let services: RunningDemoServices;
  let devices: string;

  beforeAll(async () => {
    services = await startForTest();
    devices = services.urls.devices;
  });
  afterAll(() => services.close());

  const post = <T = Loose>(path: string, json?: unknown, headers: Record<string, string> = {}) =>
    call<T>(`${devices}${path}`, { method: 'POST', json, headers });

  it('serves a device and its config', async () => {
    const device = await call(`${devices}/devices/dev-0001`);
    expect(device.body).toMatchObject({
      id: 'dev-0001',
      ownerId: 'u-1001',
      config: { reportIntervalSec: expect.any(Number) },
    });
    expect((await call(`${devices}/devices/dev-0001/config`)).body).toEqual(device.body.config);
    expect((await call(`${devices}/devices/dev-0099`)).status).toBe(404);
  });

  it('lets a device see only itself and a user only their own devices', async () => {
    expect(
      (await call(`${devices}/devices/dev-0001/config`, { headers: { 'x-device-id': 'dev-0001' } })).status,
    ).toBe(200);
    expect(
      (await call(`${devices}/devices/dev-0001/config`, { headers: { 'x-device-id': 'dev-0002' } })).status,
    ).toBe(404);
    expect((await call(`${devices}/devices/dev-0001`, { headers: { 'x-user-id': 'u-1002' } })).status).toBe(
      404,
    );
    expect(
      (
        await call(`${devices}/devices/dev-0001`, {
          headers: { 'x-user-id': 'u-1000', 'x-user-roles': 'admin' },
        })
      ).status,
    ).toBe(200);
  });

  it('stores telemetry once per (device, seq), whatever the retries', async () => {
    const first = await post<TelemetryResult>('/devices/dev-0004/telemetry', {
      readings: [reading(1), reading(2), reading(3)],
    });
    expect(first.body).toEqual({ accepted: 3, duplicates: 0, duplicateSeqs: [] });
    const retry = await post<TelemetryResult>('/devices/dev-0004/telemetry', {
      readings: [reading(2), reading(3), reading(4)],
    });
    expect(retry.body).toEqual({ accepted: 1, duplicates: 2, duplicateSeqs: [2, 3] });

    const stored = (await call(`${devices}/devices/dev-0004/telemetry?limit=10`)).body;
    expect(stored.count).toBe(4);
    expect(stored.readings.map((r: TelemetryReading) => r.seq)).toEqual([4, 3, 2, 1]);
    expect(stored.readings[3]).toEqual(reading(1));
  });

  it.each([
    [{ readings: [] }, 'body/readings'],
    [{ readings: [{ ...reading(1), seq: -1 }] }, 'body/readings/0/seq'],
    [{ readings: [{ ...reading(1), ts: 'yesterday' }] }, 'body/readings/0/ts'],
    [
      { readings: [{ ...reading(1), metrics: { temperatureC: 'hot' } }] },
      'body/readings/0/metrics/temperatureC',
    ],
  ])('rejects telemetry %j with a problem naming %s', async (payload, field) => {
    const { status, headers, body } = await post('/devices/dev-0005/telemetry', payload);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await call(`${devices}/devices/dev-0005/telemetry`)).body.count).toBe(0);
  });

  it('queues commands, lists the pending ones and acknowledges them', async () => {
    const created = await post<DeviceCommand>('/devices/dev-0006/commands', {
      name: 'reboot',
      args: { delaySec: 5 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      deviceId: 'dev-0006',
      name: 'reboot',
      args: { delaySec: 5 },
      acknowledgedAt: null,
    });
    await post('/devices/dev-0006/commands', { name: 'calibrate' });
    expect(
      (await call<DeviceCommand[]>(`${devices}/devices/dev-0006/commands?pending=true`)).body,
    ).toHaveLength(2);

    const acked = await post<DeviceCommand>(`/devices/dev-0006/commands/${created.body.id}/ack`);
    expect(acked.body.acknowledgedAt).toEqual(expect.any(String));
    const pending = (await call<DeviceCommand[]>(`${devices}/devices/dev-0006/commands?pending=true`)).body;
    expect(pending.map((c) => c.name)).toEqual(['calibrate']);
    expect((await post(`/devices/dev-0007/commands/${created.body.id}/ack`)).status).toBe(404);
    expect((await post('/devices/dev-0006/commands', { name: 'Rm -rf' })).status).toBe(400);
  });

  it('verifies the demo device keys without echoing key material', async () => {
    const ok = await post('/device-keys/verify', { key: 'dk_demo0001.iot-demo-secret-0001' });
    expect(ok.body).toEqual({
      valid: true,
      deviceId: 'dev-0001',
      keyId: 'demo0001',
      scopes: ['devices:config', 'devices:telemetry', 'devices:commands'],
    });
    expect(JSON.stringify(ok.body)).not.toContain('iot-demo-secret');
    expect(
      (await post('/device-keys/verify', { key: 'dk_demo0002.iot-demo-secret-0002' })).body,
    ).toMatchObject({ valid: true, deviceId: 'dev-0002' });
    expect((await post('/device-keys/verify', { key: 'dk_demo0001.iot-demo-secret-0002' })).body).toEqual({
      valid: false,
    });
    expect((await post('/device-keys/verify', { key: 'garbage' })).body).toEqual({ valid: false });
    expect((await post('/device-keys/verify', {})).status).toBe(400);
  });

  it('issues a key once, verifies it, and stops verifying it once revoked', async () => {
    const issued = await post('/devices/dev-0008/keys');
    expect(issued.status).toBe(201);
    const { keyId, key } = issued.body;
    expect(key).toMatch(new RegExp(`^dk_${keyId}\\.`));
    expect((await post('/device-keys/verify', { key })).body).toMatchObject({
      valid: true,
      deviceId: 'dev-0008',
      keyId,
    });

    expect((await call(`${devices}/devices/dev-0009/keys/${keyId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await call(`${devices}/devices/dev-0008/keys/${keyId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await post('/device-keys/verify', { key })).body).toEqual({ valid: false });
    expect((await call(`${devices}/devices/dev-0008/keys/${keyId}`, { method: 'DELETE' })).status).toBe(404);
  });
});
