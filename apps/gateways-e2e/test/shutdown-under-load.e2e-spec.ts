import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { LogLines, type SpawnedApp } from '@concierge/shared/util-testing';
import { keepAliveLoad, type KeepAliveLoad } from './keep-alive-load';
import { spawnWebBffAlone } from './support/web-bff-alone';

const CONNECTIONS = 40;
const LIVE = 'GET /health/live HTTP/1.1\r\nHost: gateway\r\n\r\n';

/** Until every connection has been accepted and answered three times, whatever the machine's speed. */
async function underWay(load: KeepAliveLoad, connections: number): Promise<void> {
  const answered = (connection: number) =>
    load.sent.filter((r) => r.connection === connection && r.status === 200).length;
  const deadline = Date.now() + 10_000;
  while (
    Array.from({ length: connections }, (_, c) => answered(c)).some((n) => n < 3) &&
    Date.now() < deadline
  )
    await sleep(20);
}

describe('SIGTERM under keep-alive load (e2e, built bundle)', () => {
  let gateway: SpawnedApp;

  beforeAll(async () => {
    gateway = await spawnWebBffAlone();
  }, 40_000);
  afterAll(() => gateway?.stop());

  it('loses no request of 40 busy keep-alive connections: each is answered, the last with Connection: close, and the process exits 0', async () => {
    const load = keepAliveLoad(gateway.port, CONNECTIONS, LIVE);
    // Under way on every connection. A connection still in the kernel's accept queue when the listener
    // closes is refused by the kernel, not by the gateway: that is what readiness going down beforehand is for.
    await underWay(load, CONNECTIONS);
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

describe('SIGTERM with the access log on (e2e, built bundle)', () => {
  it('has written the line of every request it answered, the last ones too, each line whole', async () => {
    const logs = new LogLines();
    const gateway = await spawnWebBffAlone({ LOG_LEVEL: 'info', ACCESS_LOG: 'true' }, logs.collect);
    // A path of its own: spawnApp's readiness probe (GET /health/live) is logged too.
    const load = keepAliveLoad(gateway.port, 10, LIVE.replace('/health/live', '/health/live?load'));
    try {
      await underWay(load, 10);
      // `close`: the process has exited and all of its stdout has been read.
      const closed = once(gateway.process, 'close');
      gateway.process.kill('SIGTERM');
      const outcome = await Promise.race([
        closed,
        sleep(15_000, undefined, { ref: false }).then(() => 'still running' as const),
      ]);
      expect(outcome).toEqual([0, null]);
    } finally {
      load.stop();
      await gateway.stop();
    }
    // Lines go out in batches (4 KB, or 100 ms): the last answers' lines were written during the drain's
    // quiet 100 ms or, failing that, by the flush at exit. None is missing, none torn.
    const answered = load.sent.filter((request) => request.status !== undefined);
    const accessLines = logs.all.filter((line) => line['url'] === '/health/live?load');
    expect(logs.unparsed).toEqual([]);
    expect(accessLines).toHaveLength(answered.length);
    expect(accessLines.every((line) => line.msg === 'request completed' && line['status'] === 200)).toBe(
      true,
    );
  }, 30_000);
});
