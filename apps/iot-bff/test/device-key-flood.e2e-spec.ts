import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEVICE_KEYS, startIotGateway, type IotGatewayUnderTest } from './iot-gateway';

const FLOOD_CONCURRENCY = 150;
const FLOOD_MS = 8_000;
const DEVICES_LATENCY_MS = 300;
// Each of the 150 keeps one bad key in flight at a time (as a 300 ms verification did before the fix);
// after a refusal it pauses briefly, so the flood measures isolation rather than raw CPU.
const FLOOD_PAUSE_MS = 1_000;
// The gateway's defaults for one client: 10 failed checks at once, 10 more a minute.
const FAILED_ATTEMPTS_BURST = 10;
const FAILED_ATTEMPTS_PER_MINUTE = 10;
// Generous on purpose: on a loaded 2-core machine a slow answer is the CPU's doing, not the guesses'; before
// the fix the guesses' 700+ verify calls are what the last assertion catches.
const DEVICE_PATIENCE_MS = 5_000;

describe('iot-bff under a flood of bad device keys (e2e)', () => {
  let gw: IotGatewayUnderTest;

  beforeAll(async () => {
    // A short device-key cache, so the genuine key is checked again (as a known key) during the flood.
    gw = await startIotGateway({ RATE_LIMIT_DEFAULT: 'off', DEVICE_KEY_CACHE_TTL_MS: '2000' });
    expect((await gw.call('/api/v1/config', { deviceKey: DEVICE_KEYS['dev-0001'] })).status).toBe(200);
  });
  afterAll(() => gw.close());

  it('keeps a genuine device at ≥ 99% success while 150 bad keys at a time hammer a slow devices service, and asks it about only a bounded number of them', async () => {
    await gw.services.chaos('devices', { latencyMs: DEVICES_LATENCY_MS });
    await gw.services.resetStats('devices');
    const until = Date.now() + FLOOD_MS;

    const floodStatuses: number[] = [];
    const flood = Array.from({ length: FLOOD_CONCURRENCY }, async () => {
      while (Date.now() < until) {
        const response = await gw.call('/api/v1/config', {
          deviceKey: `dk_${randomBytes(8).toString('hex')}.guess`,
        });
        await response.arrayBuffer();
        floodStatuses.push(response.status);
        await sleep(FLOOD_PAUSE_MS);
      }
    });

    const genuine: number[] = [];
    const device = Array.from({ length: 4 }, async () => {
      await sleep(500);
      while (Date.now() < until) {
        // A device's HTTP client gives up after a while: an answer later than that is a failure too.
        const started = Date.now();
        const status = await fetch(`${gw.url}/api/v1/config`, {
          headers: { 'x-device-key': DEVICE_KEYS['dev-0001'] },
          signal: AbortSignal.timeout(DEVICE_PATIENCE_MS),
        })
          .then(async (response) => (await response.arrayBuffer(), response.status))
          .catch(() => 0);
        genuine.push(status === 200 && Date.now() - started < DEVICE_PATIENCE_MS ? 200 : status || 599);
      }
    });
    await Promise.all([...flood, ...device]);
    const elapsedMin = (FLOOD_MS + 2_000) / 60_000;

    const successRate = genuine.filter((s) => s === 200).length / genuine.length;
    const verifyCalls = (await gw.services.stats('devices')).byRoute['POST /device-keys/verify'] ?? 0;
    process.stdout.write(
      `genuine device: ${genuine.length} requests, ${(successRate * 100).toFixed(1)}% ok; flood: ${floodStatuses.length} requests, ` +
        `${verifyCalls} verify calls to the devices service\n`,
    );
    expect(genuine.length).toBeGreaterThanOrEqual(12);
    expect(successRate).toBeGreaterThanOrEqual(0.99);
    // Every guess is refused: 401 when checked, 429 once the client's failed attempts are used up.
    expect(floodStatuses.length).toBeGreaterThan(FLOOD_CONCURRENCY);
    expect(floodStatuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(floodStatuses.filter((s) => s === 429).length).toBeGreaterThan(floodStatuses.length / 2);
    // Bounded before any upstream call: the burst, what refilled meanwhile, and the genuine key's re-checks.
    expect(verifyCalls).toBeLessThanOrEqual(
      FAILED_ATTEMPTS_BURST + Math.ceil(FAILED_ATTEMPTS_PER_MINUTE * elapsedMin) + 10,
    );
  }, 60_000);
});
