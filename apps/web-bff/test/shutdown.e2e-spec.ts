import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  passwordToken,
  spawnApp,
  startDemoServices,
  type DemoServices,
  type SpawnedApp,
} from '@concierge/shared/util-testing';
import { bodyOf, serviceEnvironment } from './web-gateway';

// Enough pages in flight to show the drain, few enough that the 3 catalog calls of each finish within the
// page's 1.5 s deadline while other suites load both cores: 50 pages (150 calls at once) did not, and 20
// once did not either (one 504 in a fresh-clone CI run on a machine running ~5× slower than usual).
const IN_FLIGHT = 10;
const CATALOG_LATENCY_MS = 500;

/** Whether a brand-new TCP connection to the port is refused (the listener closed) or accepted. */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(10);
  }
  return false;
}

describe('web-bff graceful shutdown (e2e, built bundle)', () => {
  let services: DemoServices;
  let gateway: SpawnedApp;

  beforeAll(async () => {
    services = await startDemoServices();
    gateway = await spawnApp('web-bff', {
      ...serviceEnvironment(services),
      LOG_LEVEL: 'warn',
      ACCESS_LOG: 'false',
      // Every catalog call of the pages in flight gets a socket at once (the default 64 would queue some
      // past their part's deadline): sized for the load, so only the shutdown is tested.
      UPSTREAM_CONNECTIONS: '200',
    });
  }, 30_000);
  afterAll(async () => {
    await gateway?.stop();
    await services?.stop();
  });

  it('on SIGTERM finishes every request in flight, refuses new connections and exits with 0 within 10 s', async () => {
    const token = await passwordToken(services.urls.identity, 'alice', 'wonderland');
    const headers = { authorization: `Bearer ${token}` };
    const productId = (await bodyOf(await fetch(`${gateway.url}/api/products?limit=1`, { headers }))).items[0]
      .id;
    await services.chaos('catalog', { latencyMs: CATALOG_LATENCY_MS });
    await services.resetStats('catalog');

    let pending = IN_FLIGHT;
    const requests = Array.from({ length: IN_FLIGHT }, () =>
      fetch(`${gateway.url}/api/products/${productId}`, { headers })
        .then(async (response) => ({ status: response.status, body: await bodyOf(response) }))
        .catch((error: Error) => ({ status: 0, body: { error: error.message } }))
        .finally(() => pending--),
    );
    // Every request has reached the catalog, which holds each for 500 ms: they are in flight.
    const arrived = await until(
      async () => ((await services.stats('catalog')).byRoute['GET /products/:id'] ?? 0) >= IN_FLIGHT,
      15_000,
    );
    expect(arrived).toBe(true);

    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      gateway.process.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const signalledAt = Date.now();
    gateway.process.kill('SIGTERM');
    const pendingAtSignal = pending;

    // The listener closes while the process is still alive, draining what it accepted.
    expect(await until(() => refusesConnections(gateway.port), 5_000)).toBe(true);
    expect(gateway.process.exitCode).toBeNull();
    expect(gateway.process.signalCode).toBeNull();

    const answers = await Promise.all(requests);
    expect(pendingAtSignal).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(answers.every((answer) => answer.body.product?.id === productId)).toBe(true);

    const exit = await Promise.race([exited, sleep(10_000).then(() => 'still running' as const)]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
  }, 40_000);
});
