#!/usr/bin/env node
// `npm run bench`: every figure measured side by side in one run — gateway vs the service called
// directly, vs nginx, vs raw Node baselines — several interleaved rounds, medians (one run here varies
// by ±10–20%). Gateways run as built for production, pinned to core 1; the load generator to core 0.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cores, hasTaskset, load, loader } from './lib/load.mjs';
import { root, spawnPinned, startDemoServices, startGateway, startNginx, stopAll, waitFor } from './lib/processes.mjs';
import { writeBenchRoutes } from './lib/routes-file.mjs';
import { measureStreaming } from './lib/streaming.mjs';
import { printTables } from './lib/report.mjs';
import { metricTotals } from './lib/metrics.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 50;
const GATEWAY_CORE = 1;
const LOADER_CORE = 0;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const port = (() => {
  let next = 18_100;
  return () => next++;
})();

async function main() {
  const started = Date.now();
  const { urls } = await startDemoServices(LOADER_CORE);
  const blobPort = port();
  spawnPinned(LOADER_CORE, [process.execPath, join(root, 'bench/baselines/blob-origin.mjs')], { PORT: String(blobPort) });
  const routesFile = writeBenchRoutes(`http://127.0.0.1:${blobPort}`);
  const serviceEnv = {
    IDENTITY_URL: urls.identity,
    USERS_SERVICE_URL: urls.users,
    CATALOG_SERVICE_URL: urls.catalog,
    ORDERS_SERVICE_URL: urls.orders,
    DEVICES_SERVICE_URL: urls.devices,
    ROUTES_FILE: routesFile,
    // The limiter decides on every request but never refuses one during the bench.
    RATE_LIMIT_DEFAULT: '100000000/60s',
  };
  const token = await fetch(`${urls.identity}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=alice&password=wonderland',
  })
    .then((r) => r.json())
    .then((r) => r.access_token);
  const bearer = { authorization: `Bearer ${token}` };
  const device = { 'x-device-key': 'dk_demo0001.iot-demo-secret-0001' };

  const gw = {};
  const startWeb = async (name, env) => {
    const p = port();
    await startGateway('web-bff', p, GATEWAY_CORE, { ...serviceEnv, ...env });
    gw[name] = `http://127.0.0.1:${p}`;
    // Its admin listener (metrics), on the default port: the client port + 6000.
    gw[`${name}Admin`] = `http://127.0.0.1:${p + 6000}`;
  };
  await startWeb('web', {});
  await startWeb('webRlOff', { RATE_LIMIT_DEFAULT: 'off' });
  // The Redis row needs a Redis; without one the rest of the bench still runs and says so.
  const hasRedis = await startWeb('webRlRedis', { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).then(
    () => true,
    () => (process.stderr.write('no Redis answering: the Redis rate-limit row is left out\n'), false),
  );
  await startWeb('webStockAxios', { SERVICE_CLIENT_TRANSPORT: 'stock-axios' });
  // The cache rows fill the cache with thousands of entries: a gateway of their own, so the memory they
  // hold (and the GC work it costs) cannot weigh on the rows compared with each other.
  await startWeb('webCache', {});
  for (const app of ['mobile-bff', 'iot-bff']) {
    const p = port();
    await startGateway(app, p, GATEWAY_CORE, { ...serviceEnv, ROUTES_FILE: '' });
    gw[app] = `http://127.0.0.1:${p}`;
  }
  const nginxPort = port();
  const hasNginx = await startNginx(nginxPort, urls.catalog, GATEWAY_CORE).then(
    () => true,
    () => false,
  );
  const rawProxyPort = port();
  spawnPinned(GATEWAY_CORE, [process.execPath, join(root, 'bench/baselines/raw-proxy.mjs')], {
    PORT: String(rawProxyPort),
    UPSTREAM_URL: urls.catalog,
  });
  const rawAggPort = port();
  spawnPinned(GATEWAY_CORE, [process.execPath, join(root, 'bench/baselines/raw-aggregator.mjs')], {
    PORT: String(rawAggPort),
    CATALOG_SERVICE_URL: urls.catalog,
  });
  await waitFor(`http://127.0.0.1:${rawProxyPort}/products/p-0001`);
  await waitFor(`http://127.0.0.1:${rawAggPort}/products/p-0001`);

  const product = '/products/p-0001';
  const rows = [
    { key: 'direct', label: 'catalog service, direct', url: `${urls.catalog}${product}` },
    hasNginx && { key: 'nginx', label: 'nginx reverse proxy (keep-alive)', url: `http://127.0.0.1:${nginxPort}${product}` },
    { key: 'rawProxy', label: 'raw Node http proxy (keep-alive agent)', url: `http://127.0.0.1:${rawProxyPort}${product}` },
    { key: 'declared', label: 'web: declared route, auth + rate limit', url: `${gw.web}/bench/products/p-0001`, headers: bearer },
    { key: 'declaredRlOff', label: 'web: declared route, auth, limiter off', url: `${gw.webRlOff}/bench/products/p-0001`, headers: bearer },
    hasRedis && { key: 'declaredRlRedis', label: 'web: declared route, auth + limiter on Redis', url: `${gw.webRlRedis}/bench/products/p-0001`, headers: bearer },
    { key: 'webClient', label: 'web: controller via service client (undici)', url: `${gw.web}/api/catalog/products/p-0001`, headers: bearer },
    { key: 'webStockAxios', label: 'web: same controller, @nestjs/axios as it comes', url: `${gw.webStockAxios}/api/catalog/products/p-0001`, headers: bearer },
    { key: 'cacheHit', label: 'web: cached declared route, hit', url: `${gw.webCache}/bench/cached/products/p-0001`, headers: bearer },
    { key: 'cacheMiss', label: 'web: cached declared route, miss (new URL each time)', url: `${gw.webCache}/bench/cached/products/p-0001`, headers: bearer, unique: true },
    { key: 'mobileClient', label: 'mobile: pass-through via service client', url: `${gw['mobile-bff']}/api/catalog/products/p-0001`, headers: bearer },
    { key: 'iotClient', label: 'iot: commands via service client', url: `${gw['iot-bff']}/api/v1/commands`, headers: device },
    { key: 'webAggregate', label: 'web: GET /api/dashboard (5 calls)', url: `${gw.web}/api/dashboard`, headers: bearer },
    { key: 'mobileAggregate', label: 'mobile: GET /api/home', url: `${gw['mobile-bff']}/api/home`, headers: bearer },
    { key: 'iotAggregate', label: 'iot: GET /api/v1/config', url: `${gw['iot-bff']}/api/v1/config`, headers: device },
  ].filter(Boolean);

  const latencyRows = [
    { key: 'rawAggregate20ms', label: 'raw Node Promise.all + undici, 3 × 20 ms', url: `http://127.0.0.1:${rawAggPort}${product}` },
    { key: 'webAggregate20ms', label: 'web: GET /api/products/:id, 3 × 20 ms', url: `${gw.web}/api/products/p-0001`, headers: bearer },
  ];

  const samples = {};
  const measure = async (row, connections, seconds) => {
    const result = await load({ url: row.url, headers: row.headers ?? {}, connections, seconds, unique: row.unique });
    (samples[row.key] ??= []).push(result);
    process.stderr.write(`  ${row.label}: ${Math.round(result.rps)} req/s${result.non2xx ? ` (${result.non2xx} non-2xx!)` : ''}\n`);
  };

  process.stderr.write(`warming up (${rows.length} rows)…\n`);
  for (const row of rows) await load({ url: row.url, headers: row.headers ?? {}, connections: CONNECTIONS, seconds: 2, unique: row.unique });
  for (let round = 1; round <= ROUNDS; round++) {
    process.stderr.write(`round ${round}/${ROUNDS}\n`);
    for (const row of rows) await measure(row, CONNECTIONS, SECONDS);
  }

  // Three services at 20 ms each, 10 connections: parallel means ~20 ms, sequential would be ~60 ms.
  await fetch(`${urls.catalog}/__chaos`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"latencyMs":20}' });
  for (const row of latencyRows) await load({ url: row.url, headers: row.headers ?? {}, connections: 10, seconds: 1 });
  for (let round = 1; round <= ROUNDS; round++) for (const row of latencyRows) await measure(row, 10, SECONDS);
  await fetch(`${urls.catalog}/__chaos`, { method: 'DELETE' });

  const streaming = await measureStreaming(gw.web);
  const metrics = await metricTotals(gw.webAdmin);

  const summary = {};
  for (const [key, list] of Object.entries(samples)) {
    summary[key] = {
      label: [...rows, ...latencyRows].find((r) => r.key === key).label,
      rps: median(list.map((s) => s.rps)),
      p50: median(list.map((s) => s.p50)),
      p99: median(list.map((s) => s.p99)),
      non2xx: list.reduce((a, s) => a + s.non2xx, 0),
    };
  }
  const result = {
    date: new Date().toISOString(),
    machine: { cores, pinned: hasTaskset, loader, rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS },
    rows: summary,
    streaming,
    metrics,
    durationSec: Math.round((Date.now() - started) / 1000),
  };
  printTables(result);
  const dir = join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(result, null, 2));
  process.stdout.write(`\nwritten: ${file}\n`);
}

main()
  .catch((error) => {
    process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
    process.exitCode = 1;
  })
  .finally(stopAll);
