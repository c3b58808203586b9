import { setTimeout as sleep } from 'node:timers/promises';
import type { SpawnedApp } from '@concierge/shared/util-testing';
import { keepAliveLoad } from './keep-alive-load';
import { spawnWebBffAlone } from './support/web-bff-alone';

const CONNECTIONS = 40;

describe('SIGTERM under keep-alive load (e2e, built bundle)', () => {
  let gateway: SpawnedApp;

  beforeAll(async () => {
    gateway = await spawnWebBffAlone();
  }, 40_000);
  afterAll(() => gateway?.stop());

  it('loses no request of 40 busy keep-alive connections: each is answered, the last with Connection: close, and the process exits 0', async () => {
    const load = keepAliveLoad(
      gateway.port,
      CONNECTIONS,
      'GET /health/live HTTP/1.1\r\nHost: gateway\r\n\r\n',
    );
    // Under way on every connection (each accepted and answered three times), whatever the machine's speed.
    // A connection still in the kernel's accept queue when the listener closes is refused by the kernel,
    // not by the gateway: that is what readiness going down beforehand is for.
    const answered = (connection: number) =>
      load.sent.filter((r) => r.connection === connection && r.status === 200).length;
    const deadline = Date.now() + 10_000;
    while (
      Array.from({ length: CONNECTIONS }, (_, c) => answered(c)).some((n) => n < 3) &&
      Date.now() < deadline
    )
      await sleep(20);
    const exited = new Promise<number | null>((resolve) =>
      gateway.process.once('exit', (code) => resolve(code)),
    );
    gateway.process.kill('SIGTERM');
    load.mark();
    const code = await Promise.race([exited, sleep(15_000).then(() => 'still running' as const)]);
    await Promise.race([load.closed, sleep(2_000)]);
    load.stop();

    const before = load.sent.filter((request) => request.beforeMark);
    // Each connection always has a request on its way, so any connection the gateway closes without a
    // `Connection: close` answer cost a request: the one the client had just sent.
    const lost = load.sent.filter((request) => request.status === undefined);
    process.stdout.write(
      `shutdown under load: ${load.sent.length} requests (${before.length} before SIGTERM), ${lost.length} lost\n`,
    );
    expect(before.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(3 * CONNECTIONS);
    expect(lost).toEqual([]);
    const lastAnswers = new Map(
      load.sent.filter((r) => r.status !== undefined).map((r) => [r.connection, r]),
    );
    expect([...lastAnswers.values()].filter((r) => !r.connectionClose || r.status !== 200)).toEqual([]);
    expect(code).toBe(0);
  }, 30_000);
});
