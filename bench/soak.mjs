#!/usr/bin/env node
// `npm run soak`: a few minutes of mixed traffic through the three gateways (built, as in production) while
// the catalog service is killed and revived, then SIGTERM to a gateway under load. Reports lost or corrupted
// responses (anything but the expected degraded parts), recovery time, and the gateways' RSS growth.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, spawnPinned, startDemoServices, startGateway, stopAll, waitFor } from './lib/processes.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 12);
const CATALOG_PORT = 18_402;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;

function startCatalog() {
  // A catalog of its own, so it can die without taking identity and the others with it.
  const child = spawnPinned(0, [process.execPath, join(root, 'dist/apps/demo-services/main.js')], {
    CATALOG_PORT: String(CATALOG_PORT),
    IDENTITY_PORT: '0',
    USERS_PORT: '0',
    ORDERS_PORT: '0',
    DEVICES_PORT: '0',
    CONSUMERS_PORT: '0',
    LOG_LEVEL: 'error',
  });
  return waitFor(`http://127.0.0.1:${CATALOG_PORT}/categories`).then(() => child);
}

async function main() {
  const { urls } = await startDemoServices(0);
  let catalog = await startCatalog();
  const env = {
    IDENTITY_URL: urls.identity,
    USERS_SERVICE_URL: urls.users,
    ORDERS_SERVICE_URL: urls.orders,
    DEVICES_SERVICE_URL: urls.devices,
    CATALOG_SERVICE_URL: `http://127.0.0.1:${CATALOG_PORT}`,
    RATE_LIMIT_DEFAULT: 'off',
  };
  const gateways = {};
  for (const [name, port] of [
    ['web-bff', 18_300],
    ['mobile-bff', 18_301],
    ['iot-bff', 18_302],
  ]) {
    const child = await startGateway(name, port, 1, env);
    gateways[name] = { child, url: `http://127.0.0.1:${port}`, rss0: rssMb(child.pid) };
  }
  const token = (
    await (
      await fetch(`${urls.identity}/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'password', username: 'alice', password: 'wonderland' }),
      })
    ).json()
  ).access_token;
  const user = { authorization: `Bearer ${token}` };
  const device = { 'x-device-key': 'dk_demo0001.iot-demo-secret-0001' };
  let seq = Date.now();

  // Each scenario says what a correct answer is, and which degraded answers are expected while the catalog is down.
  const scenarios = [
    {
      name: 'web dashboard',
      url: () => `${gateways['web-bff'].url}/api/dashboard`,
      headers: user,
      ok: (s, b) => s === 200 && b.user?.id === 'u-1001',
      degraded: (s, b) => s === 200 && b._meta?.partial === true,
    },
    {
      name: 'web product',
      url: () => `${gateways['web-bff'].url}/api/products/p-0001`,
      headers: user,
      ok: (s, b) => s === 200 && b.product?.id === 'p-0001',
      degraded: (s, b) => [502, 503, 504].includes(s) && typeof b.type === 'string',
    },
    {
      name: 'mobile home',
      url: () => `${gateways['mobile-bff'].url}/api/home`,
      headers: user,
      ok: (s) => s === 200,
      degraded: (s, b) => s === 200 && b._meta?.partial === true,
    },
    {
      name: 'iot config',
      url: () => `${gateways['iot-bff'].url}/api/v1/config`,
      headers: device,
      ok: (s) => s === 200,
    },
    {
      name: 'iot telemetry',
      url: () => `${gateways['iot-bff'].url}/api/v1/telemetry`,
      headers: { ...device, 'content-type': 'application/json' },
      body: () =>
        JSON.stringify({
          readings: [{ seq: seq++, ts: new Date().toISOString(), metrics: { temperature: 21 } }],
        }),
      ok: (s, b) => s === 200 && b.accepted === 1,
    },
  ];
  // ok: the full answer. degraded: a well-formed partial answer (an optional part missing) or a mapped
  // problem for a required part while the catalog is down or recovering. lost: anything else.
  const counts = { ok: 0, degraded: 0, lost: 0, sigtermRefused: 0 };
  const lost = [];
  let catalogDown = false;
  let recoveredAt = null;
  let revivedAt = null;
  let stopAt = Date.now() + SECONDS * 1000;

  async function once(scenario) {
    try {
      const response = await fetch(scenario.url(), {
        method: scenario.body ? 'POST' : 'GET',
        headers: scenario.headers,
        body: scenario.body?.(),
        signal: AbortSignal.timeout(5_000),
      });
      const text = await response.text();
      const body = text ? JSON.parse(text) : {};
      if (scenario.ok(response.status, body) && !body._meta?.partial) {
        counts.ok++;
        if (revivedAt && !recoveredAt && scenario.name === 'web product') recoveredAt = Date.now();
      } else if (
        scenario.degraded?.(response.status, body) &&
        (response.status === 200 || catalogDown || (revivedAt && !recoveredAt))
      )
        counts.degraded++;
      else throw new Error(`unexpected ${response.status} ${text.slice(0, 120)}`);
    } catch (error) {
      counts.lost++;
      if (lost.length < 10) lost.push(`${scenario.name}: ${error.message}`);
    }
  }
  const worker = async (i) => {
    for (let n = i; Date.now() < stopAt; n++) await once(scenarios[n % scenarios.length]);
  };

  const started = Date.now();
  const running = Array.from({ length: WORKERS }, (_, i) => worker(i));
  // RSS is compared from here on: the first seconds are the heap growing to its working size, not a leak.
  await sleep(Math.min(10_000, (SECONDS * 1000) / 6));
  for (const g of Object.values(gateways)) g.rss0 = rssMb(g.child.pid);
  await sleep((SECONDS * 1000) / 3 - Math.min(10_000, (SECONDS * 1000) / 6));
  process.stderr.write('killing the catalog service\n');
  catalogDown = true;
  catalog.kill('SIGKILL');
  await sleep((SECONDS * 1000) / 3);
  catalog = await startCatalog();
  catalogDown = false;
  revivedAt = Date.now();
  process.stderr.write('catalog revived\n');
  await Promise.all(running);

  // SIGTERM under load: requests in flight complete; new ones are refused (not lost).
  const web = gateways['web-bff'];
  stopAt = Date.now() + 3_000;
  let inFlightLost = 0;
  const underLoad = Array.from({ length: 20 }, async () => {
    while (Date.now() < stopAt) {
      try {
        const r = await fetch(`${web.url}/api/products/p-0001`, { headers: user });
        await r.text();
        if (r.status !== 200 && r.status !== 503) inFlightLost++;
      } catch {
        counts.sigtermRefused++;
        await sleep(20);
      }
    }
  });
  await sleep(500);
  const rssEnd = Object.fromEntries(
    Object.entries(gateways).map(([n, g]) => [n, Math.round(rssMb(g.child.pid) - g.rss0)]),
  );
  const termAt = Date.now();
  web.child.kill('SIGTERM');
  const exitCode = await new Promise((r) => web.child.once('exit', (code) => r(code)));
  const exitMs = Date.now() - termAt;
  await Promise.all(underLoad);

  const report = {
    seconds: Math.round((Date.now() - started) / 1000),
    responses: counts,
    lostExamples: lost,
    recoverySec: recoveredAt ? ((recoveredAt - revivedAt) / 1000).toFixed(2) : 'not recovered',
    rssGrowthMb: rssEnd,
    sigterm: { exitCode, exitMs, inFlightLost },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  if (counts.lost > 0 || inFlightLost > 0 || !recoveredAt || exitCode !== 0 || exitMs > 10_000)
    process.exitCode = 1;
}

main()
  .catch((error) => {
    process.stderr.write(`soak failed: ${error.stack ?? error}\n`);
    process.exitCode = 1;
  })
  .finally(stopAll);
