import { bodyOf, DEVICE_KEYS, readings, startIotGateway, type IotGatewayUnderTest } from './iot-gateway';

const DEV1 = { deviceKey: DEVICE_KEYS['dev-0001'] };
const DEV2 = { deviceKey: DEVICE_KEYS['dev-0002'] };

describe('iot-bff device API (e2e)', () => {
  let gw: IotGatewayUnderTest;

  /** What the devices service holds for a device, read straight from it. */
  async function stored(deviceId: string): Promise<Array<{ seq: number }>> {
    const response = await gw.devices(`/devices/${deviceId}/telemetry?limit=10000`);
    expect(response.status).toBe(200);
    return (await bodyOf(response)).readings;
  }

  beforeAll(async () => {
    gw = await startIotGateway();
  });
  afterAll(() => gw.close());
  afterEach(async () => {
    for (const service of ['users', 'devices'] as const) await gw.services.resetChaos(service);
  });

  describe('GET /api/v1/config', () => {
    it('gives the device its own config, compact, within 512 bytes, from the devices and users services', async () => {
      // Verify the key first, so the counts below are the config's own calls.
      expect((await gw.call('/api/v1/config', DEV1)).status).toBe(200);
      await gw.services.resetStats('devices');
      await gw.services.resetStats('users');
      const response = await gw.call('/api/v1/config', DEV1, { headers: { 'x-request-id': 'iot-config-1' } });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(512);
      const body = JSON.parse(text);

      // One registry call, then the owner's profile; both carry the request id and the device's identity.
      const [devices, users] = await Promise.all([gw.services.stats('devices'), gw.services.stats('users')]);
      expect(devices.byRoute).toEqual({ 'GET /devices/:id': 1 });
      expect(devices.last?.headers['x-device-id']).toBe('dev-0001');
      expect(users.byRoute).toEqual({ 'GET /users/:id': 1 });
      expect(users.last?.url).toBe('/users/u-1001');
      expect(users.last?.headers['x-request-id']).toBe('iot-config-1');
      expect(users.last?.headers['x-device-key']).toBeUndefined();
      expect(users.last?.headers['authorization']).toBeUndefined();

      const service = await bodyOf(await gw.devices('/devices/dev-0001/config'));
      expect(body).toEqual({
        d: 'dev-0001',
        v: service.firmware,
        iv: service.reportIntervalSec,
        th: { t: service.thresholds.temperatureMaxC, h: service.thresholds.humidityMaxPct },
        f: service.features,
        u: service.updatedAt,
        l: expect.stringMatching(/^[a-z]{2}-[A-Z]{2}$/),
        un: 'metric',
        mi: [],
      });
    });

    it("gives dev-0002's key dev-0002's config, whatever the query claims", async () => {
      const response = await gw.call('/api/v1/config?deviceId=dev-0001&id=dev-0001', DEV2);
      expect(response.status).toBe(200);
      expect((await bodyOf(response)).d).toBe('dev-0002');
    });

    it('still answers 200 with the config when the users service is down, naming the owner as missing', async () => {
      await gw.services.chaos('users', { down: true });
      const response = await gw.call('/api/v1/config', DEV1);
      expect(response.status).toBe(200);
      const body = await bodyOf(response);
      expect(body).toMatchObject({ d: 'dev-0001', v: expect.any(String), l: null, un: null, mi: ['owner'] });
    });

    it('fails with a problem when the devices service is down', async () => {
      // The key's verification is cached now, so what fails below is the config call, not authentication.
      expect((await gw.call('/api/v1/config', DEV1)).status).toBe(200);
      await gw.services.chaos('devices', { down: true });
      const response = await gw.call('/api/v1/config', DEV1);
      expect([502, 503]).toContain(response.status);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    });
  });

  describe('POST /api/v1/telemetry', () => {
    it('stores a batch once however often the device sends it', async () => {
      const batch = { readings: readings(100, 149) };
      const first = await gw.call('/api/v1/telemetry', DEV1, { body: batch });
      expect(first.status).toBe(200);
      expect(await bodyOf(first)).toEqual({ accepted: 50, duplicates: 0, duplicateSeqs: [] });

      // The device's retry (it never saw the answer): nothing lost, nothing doubled.
      const retry = await gw.call('/api/v1/telemetry', DEV1, { body: batch });
      expect(retry.status).toBe(200);
      const again = await bodyOf(retry);
      expect(again).toMatchObject({ accepted: 0, duplicates: 50 });
      expect([...again.duplicateSeqs].sort((a: number, b: number) => a - b)).toEqual(
        batch.readings.map((r) => r.seq),
      );

      // A batch overlapping the last one stores only what is new.
      const overlap = await gw.call('/api/v1/telemetry', DEV1, { body: { readings: readings(140, 159) } });
      expect(await bodyOf(overlap)).toMatchObject({ accepted: 10, duplicates: 10 });

      const seqs = (await stored('dev-0001')).map((r) => r.seq).filter((seq) => seq >= 100 && seq <= 159);
      expect(seqs.sort((a, b) => a - b)).toEqual(readings(100, 159).map((r) => r.seq));
    });

    it("lands a device's readings in its own store only, whatever the request names", async () => {
      const before = (await stored('dev-0001')).length;
      const response = await gw.call('/api/v1/telemetry?deviceId=dev-0001', DEV2, {
        body: { readings: readings(7_000, 7_004) },
        headers: { 'x-device-id': 'dev-0001' },
      });
      expect(response.status).toBe(200);
      expect(await bodyOf(response)).toMatchObject({ accepted: 5 });
      expect((await stored('dev-0002')).map((r) => r.seq)).toEqual(
        expect.arrayContaining([7_000, 7_001, 7_002, 7_003, 7_004]),
      );
      expect((await stored('dev-0001')).length).toBe(before);

      // A body naming a device is refused outright, and stores nothing anywhere.
      const named = await gw.call('/api/v1/telemetry', DEV2, {
        body: { deviceId: 'dev-0001', readings: readings(7_100, 7_100) },
      });
      expect(named.status).toBe(400);
      expect(await bodyOf(named)).toMatchObject({ detail: expect.stringContaining('deviceId') });
      const everywhere = [...(await stored('dev-0001')), ...(await stored('dev-0002'))].map((r) => r.seq);
      expect(everywhere).not.toContain(7_100);

      // There is no path that names a device.
      const pathed = await gw.call('/api/v1/devices/dev-0001/telemetry', DEV2, {
        body: { readings: readings(7_200, 7_200) },
      });
      expect(pathed.status).toBe(404);
      expect((await stored('dev-0001')).length).toBe(before);
    });

    it('refuses a bad reading with 400 naming the field', async () => {
      const bad = {
        readings: [...readings(1, 2), { seq: -1, ts: '2025-01-01T00:00:00Z', metrics: { t: 1 } }],
      };
      const response = await gw.call('/api/v1/telemetry', DEV1, { body: bad });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await bodyOf(response)).detail).toContain('readings.2.seq');

      const badTs = await gw.call('/api/v1/telemetry', DEV1, {
        body: { readings: [{ seq: 1, ts: 'now', metrics: { t: 1 } }] },
      });
      expect((await bodyOf(badTs)).detail).toContain('readings.0.ts');
    });

    it('a telemetry metric named constructor or prototype is refused with 400 naming it, not counted as accepted and dropped; toString and valueOf are stored', async () => {
      const at = '2025-01-01T00:00:00.000Z';
      const objectNames = { toString: 2, valueOf: 3, hasOwnProperty: 4, t: 5 };
      const kept = await gw.call('/api/v1/telemetry', DEV1, {
        body: { readings: [{ seq: 50_000, ts: at, metrics: objectNames }] },
      });
      expect(kept.status).toBe(200);
      expect(await bodyOf(kept)).toMatchObject({ accepted: 1 });
      const reading = (await stored('dev-0001')).find((r) => r.seq === 50_000) as unknown as {
        metrics: Record<string, number>;
      };
      expect(reading.metrics).toEqual(objectNames);

      // Nest's validation pipe deletes these members from whatever it validates; a device that sent them
      // must hear so, not get "accepted: 1" for a reading stored without them.
      for (const [seq, name] of [
        [50_001, 'constructor'],
        [50_002, 'prototype'],
      ] as const) {
        const response = await gw.call('/api/v1/telemetry', DEV1, {
          body: { readings: [{ seq, ts: at, metrics: { [name]: 1, t: 5 } }] },
        });
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect((await bodyOf(response)).detail).toContain(`readings.0.metrics.${name}`);
        expect((await stored('dev-0001')).map((r) => r.seq)).not.toContain(seq);
      }
    });

    it('refuses more than 500 readings with 400, and stores none of them', async () => {
      const response = await gw.call('/api/v1/telemetry', DEV1, {
        body: { readings: readings(20_000, 20_500) },
      });
      expect(response.status).toBe(400);
      expect((await bodyOf(response)).detail).toMatch(/readings/);
      expect((await stored('dev-0001')).map((r) => r.seq)).not.toContain(20_000);
    });

    it('refuses a body over 256 KB with 413 problem+json without calling the devices service', async () => {
      await gw.services.resetStats('devices');
      const padded = readings(30_000, 30_099).map((r) => ({ ...r, metrics: { ...r.metrics, pad: 1 } }));
      const body = JSON.stringify({ readings: padded }).replace(
        '"pad":1',
        `"pad":1${' '.repeat(300 * 1024)}`,
      );
      const response = await gw.call('/api/v1/telemetry', DEV1, { body });
      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await gw.services.stats('devices')).byRoute['POST /devices/:id/telemetry']).toBeUndefined();
    });

    it('accepts a full batch of 500 readings', async () => {
      const response = await gw.call('/api/v1/telemetry', DEV1, {
        body: { readings: readings(40_000, 40_499) },
      });
      expect(response.status).toBe(200);
      expect(await bodyOf(response)).toMatchObject({ accepted: 500, duplicates: 0 });
    });
  });

  describe('commands', () => {
    async function queue(deviceId: string, name: string): Promise<string> {
      const response = await gw.devices(`/devices/${deviceId}/commands`, {
        body: { name, args: { delaySec: 1 } },
      });
      expect(response.status).toBe(201);
      return (await bodyOf(response)).id;
    }

    it('lists the pending commands of the calling device only, and acknowledges one', async () => {
      const mine = await queue('dev-0001', 'reboot');
      const theirs = await queue('dev-0002', 'calibrate');

      const listed = await gw.call('/api/v1/commands', DEV1);
      expect(listed.status).toBe(200);
      const { c } = await bodyOf(listed);
      expect(c).toContainEqual({ id: mine, n: 'reboot', a: { delaySec: 1 }, t: expect.any(String) });
      expect(c.map((command: { id: string }) => command.id)).not.toContain(theirs);

      const acked = await gw.call(`/api/v1/commands/${mine}/ack`, DEV1, { method: 'POST' });
      expect(acked.status).toBe(200);
      expect(await bodyOf(acked)).toEqual({ id: mine, ack: expect.any(String) });
      const after = await bodyOf(await gw.call('/api/v1/commands', DEV1));
      expect(after.c.map((command: { id: string }) => command.id)).not.toContain(mine);
    });

    it("will not let dev-0001 acknowledge dev-0002's command", async () => {
      const theirs = await queue('dev-0002', 'reboot');
      const response = await gw.call(`/api/v1/commands/${theirs}/ack`, DEV1, { method: 'POST' });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);

      const pending = await bodyOf(await gw.devices('/devices/dev-0002/commands?pending=true'));
      expect(pending.map((command: { id: string }) => command.id)).toContain(theirs);
      // dev-0002 itself can.
      expect((await gw.call(`/api/v1/commands/${theirs}/ack`, DEV2, { method: 'POST' })).status).toBe(200);
    });
  });
});
