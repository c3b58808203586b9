#!/usr/bin/env node
// `npm run bench`: every figure measured side by side in one run, several interleaved rounds, medians
// (one run here varies by ±10–20%). The pass-through rows all proxy the same fast, fixed 1 KB origin and
// all carry the same `Authorization: Bearer` header; the origin and the load generator share core 0, the
// proxy under test has core 1 to itself. Gateways run as built for production.
//
// BENCH_ROUNDS (3), BENCH_SECONDS (3), BENCH_ONLY (comma-separated row keys, for quick iterations),
// BENCH_NODE_OPTIONS (extra node flags for the gateways, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`),
// REDIS_URL (else a redis-server of the bench's own when one is installed).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cores, hasTaskset, load, loader, onPath } from './lib/load.mjs';
import { listeningPids, watchCpu } from './lib/cpu.mjs';
import { fixedProductJson } from './lib/fixed-body.mjs';
import {
  benchNodeOptions,
  logDir,
  root,
  spawnPinned,
  startDemoServices,
  startGateway,
  startNginx,
  startNginxOrigin,
  startRedis,
  stopAll,
  waitFor,
} from './lib/processes.mjs';
import { writeBenchRoutes } from './lib/routes-file.mjs';
import { measureStreaming } from './lib/streaming.mjs';
import { measureSideBySide } from './lib/side-by-side.mjs';
import { printTables } from './lib/report.mjs';
import { cacheOutcomes, metricTotals } from './lib/metrics.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;
const CONNECTIONS = 50;
// Long enough for the JIT to settle: a row's first seconds cost up to twice its CPU per request.
const WARM_UP_SECONDS = 4;
const PROXY_CORE = 1;
const OUTSIDE_CORE = 0;
// The targets whose rows are separate Node processes: [measured, against]. Not nginx: sharing core 1 with
// its 30,000 wake-ups a second raised a gateway's CPU time per request by ~40 % (declared route, 125 µs
// alone, 179–305 beside nginx), a bias against the gateway that two Node proxies do not show each other.
const SIDE_BY_SIDE_PAIRS = [
  ['public', 'httpProxy'],
  // Where the public route's distance to the proxy goes: the wire contract it must keep, then the rest.
  ['httpProxyWire', 'httpProxy'],
  ['public', 'httpProxyWire'],
  ['declared', 'httpProxy'],
  ['declaredRedis', 'httpProxy'],
  ['accessLog', 'declared'],
];
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const port = (() => {
  let next = 18_100;
  return () => next++;
})();
const notes = [];
const note = (text) => (notes.push(text), process.stderr.write(`${text}\n`));

/** The fixed 1 KB origin on core 0: nginx serving a file when installed (cheapest), else node:http. */
async function startOrigin(hasNginx) {
  const p = port();
  const url = `http://127.0.0.1:${p}`;
  if (hasNginx) {
    await startNginxOrigin(p, fixedProductJson(), OUTSIDE_CORE);
    return { url, kind: 'nginx serving a file' };
  }
  spawnPinned(OUTSIDE_CORE, [process.execPath, join(root, 'bench/baselines/fixed-origin.mjs')], {
    PORT: String(p),
  });
  await waitFor(`${url}/products/p-0001`);
  return { url, kind: 'node:http' };
}

/** A demo partner app's key (README), on the `free` plan, which the bench's plans file makes roomy. */
const PARTNER_DEMO_KEY = 'ck_acme0001.partner-demo-secret-0001';

/** The demo apps' plans with limits no bench reaches: each request is still decided on both policies. */
function writeBenchPlans() {
  const file = join(mkdtempSync(join(tmpdir(), 'concierge-partner-')), 'plans.json');
  const roomy = { rate: '100000000/1s,burst=100000000', quota: '100000000000/day' };
  writeFileSync(file, JSON.stringify({ plans: { free: roomy, standard: roomy } }));
  return file;
}

async function startRedisForBench() {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  if (!(await onPath('redis-server'))) return undefined;
  const p = port();
  await startRedis(p, OUTSIDE_CORE);
  return `redis://127.0.0.1:${p}`;
}

/** A reference proxy (bench/baselines/<file>) on core 1, forwarding to `upstream`. */
async function startBaseline(file, upstream) {
  const p = port();
  spawnPinned(PROXY_CORE, [process.execPath, ...benchNodeOptions(), join(root, 'bench/baselines', file)], {
    PORT: String(p),
    UPSTREAM_URL: upstream,
    CATALOG_SERVICE_URL: upstream,
  });
  const url = `http://127.0.0.1:${p}`;
  await waitFor(`${url}/products/p-0001`);
  return url;
}

async function main() {
  const started = Date.now();
  const hasNginx = await onPath('nginx');
  if (!hasNginx)
    note(
      'nginx is not installed (Debian package `nginx`): the nginx row is left out and the origin is node:http',
    );
  const { urls, child: demoServices } = await startDemoServices(OUTSIDE_CORE);
  const origin = await startOrigin(hasNginx);
  const blobPort = port();
  spawnPinned(OUTSIDE_CORE, [process.execPath, join(root, 'bench/baselines/blob-origin.mjs')], {
    PORT: String(blobPort),
  });
  const routesFile = writeBenchRoutes(`http://127.0.0.1:${blobPort}`);
  const demoEnv = {
    IDENTITY_URL: urls.identity,
    USERS_SERVICE_URL: urls.users,
    CATALOG_SERVICE_URL: urls.catalog,
    ORDERS_SERVICE_URL: urls.orders,
    DEVICES_SERVICE_URL: urls.devices,
    ROUTES_FILE: routesFile,
    // The limiter decides on every request but never refuses one during the bench.
    RATE_LIMIT_DEFAULT: '100000000/60s',
  };
  // The pass-through gateways find "the catalog" at the fixed origin; identity (JWKS) stays the demo one.
  const originEnv = { ...demoEnv, CATALOG_SERVICE_URL: origin.url };
  const token = await fetch(`${urls.identity}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=alice&password=wonderland',
  })
    .then((r) => r.json())
    .then((r) => r.access_token);
  const bearer = { authorization: `Bearer ${token}` };

  const gw = {};
  const startWeb = async (name, env, stdoutFile) => {
    const p = port();
    await startGateway('web-bff', p, PROXY_CORE, env, stdoutFile);
    gw[name] = `http://127.0.0.1:${p}`;
    // Its admin listener (metrics), on the default port: the client port + 6000.
    gw[`${name}Admin`] = `http://127.0.0.1:${p + 6000}`;
  };
  await startWeb('web', originEnv);
  // One JSON line per request, written to a file as a log shipper would read it.
  const accessLog = join(mkdtempSync(join(tmpdir(), 'concierge-access-')), 'access.log');
  await startWeb('webAccessLog', { ...originEnv, ACCESS_LOG: 'true', LOG_LEVEL: 'info' }, accessLog);
  const redisUrl = await startRedisForBench();
  const hasRedis =
    redisUrl !== undefined &&
    (await startWeb('webRedis', { ...originEnv, REDIS_URL: redisUrl }).then(
      () => true,
      () => false,
    ));
  if (!hasRedis)
    note('no Redis (REDIS_URL, or Debian package `redis-server`): the Redis rate-limit row is left out');
  // The cache rows fill the cache with thousands of entries: a gateway of their own, so the memory they
  // hold (and the GC work it costs) cannot weigh on the rows compared with each other.
  await startWeb('webCache', originEnv);
  // The aggregate rows need the demo catalog's three endpoints (and its latency switch).
  await startWeb('webDemo', demoEnv);
  // The partner door: a demo API key (checked by the consumers service, then cached), its plan's burst and
  // daily quota and its usage counted on Redis, the product mapped from the same fixed origin. The plan is
  // roomy so nothing is refused; the gateway-wide limit is off, so the plan is the only limit in play.
  if (hasRedis && (!ONLY || ONLY.has('partner'))) {
    const p = port();
    await startGateway('partner-api', p, PROXY_CORE, {
      ...originEnv,
      CONSUMERS_SERVICE_URL: urls.consumers,
      REDIS_URL: redisUrl,
      RATE_LIMIT_DEFAULT: 'off',
      PARTNER_CONFIG_FILE: writeBenchPlans(),
    });
    gw.partner = `http://127.0.0.1:${p}`;
  }

  const base = {};
  if (hasNginx) {
    const p = port();
    await startNginx(p, origin.url, PROXY_CORE);
    base.nginx = `http://127.0.0.1:${p}`;
  }
  base.fastGateway = await startBaseline('fast-gateway.mjs', origin.url);
  base.httpProxy = await startBaseline('fastify-http-proxy.mjs', origin.url);
  base.httpProxyWire = await startBaseline('fastify-http-proxy-wire.mjs', origin.url);
  base.rawProxy = await startBaseline('raw-proxy.mjs', origin.url);
  base.nest = await startBaseline('nest-undici.mjs', origin.url);
  base.rawAggregate = await startBaseline('raw-aggregator.mjs', urls.catalog);

  const product = '/products/p-0001';
  const rows = [
    {
      key: 'origin',
      label: `origin alone (${origin.kind}, core 0 only: the ceiling)`,
      url: `${origin.url}${product}`,
    },
    hasNginx && {
      key: 'nginx',
      label: 'nginx, 1 worker, upstream keep-alive',
      url: `${base.nginx}${product}`,
    },
    { key: 'fastGateway', label: 'fast-gateway 3.4', url: `${base.fastGateway}${product}` },
    {
      key: 'httpProxy',
      label: 'fastify 5 + @fastify/http-proxy (undici)',
      url: `${base.httpProxy}${product}`,
    },
    {
      key: 'httpProxyWire',
      label: '… + the same wire headers as a Concierge route',
      url: `${base.httpProxyWire}${product}`,
    },
    { key: 'rawProxy', label: 'raw Node http proxy, keep-alive agent', url: `${base.rawProxy}${product}` },
    { key: 'nest', label: 'NestJS/Fastify controller + undici', url: `${base.nest}${product}` },
    {
      key: 'public',
      label: 'Concierge declared route, public, no limit',
      url: `${gw.web}/bench/public${product}`,
    },
    {
      key: 'declared',
      label: 'Concierge declared route, JWT + limit in process',
      url: `${gw.web}/bench${product}`,
    },
    hasRedis && {
      key: 'declaredRedis',
      label: 'Concierge declared route, JWT + limit on Redis',
      url: `${gw.webRedis}/bench${product}`,
    },
    {
      key: 'accessLog',
      label: 'Concierge declared route, JWT + limit, access log on',
      url: `${gw.webAccessLog}/bench${product}`,
    },
    {
      key: 'bff',
      label: 'Concierge BFF controller via the service client',
      url: `${gw.web}/api/catalog${product}`,
    },
    gw.partner && {
      key: 'partner',
      label: 'Concierge partner-api, API key + burst + daily quota on Redis',
      url: `${gw.partner}/v1${product}`,
      // The key instead of the token, and the token in a header nobody reads: the same bytes as every row.
      headers: { 'x-api-key': PARTNER_DEMO_KEY, 'x-bench-padding': token },
    },
    {
      key: 'cacheHit',
      label: 'Concierge cached declared route, hit',
      url: `${gw.webCache}/bench/cached${product}`,
    },
    {
      key: 'cacheMiss',
      label: 'Concierge cached declared route, miss (new URL each time)',
      url: `${gw.webCache}/bench/cached${product}`,
      unique: true,
    },
  ]
    .filter(Boolean)
    .filter((row) => !ONLY || ONLY.has(row.key))
    .map((row) => ({ ...row, headers: row.headers ?? bearer }));

  const latencyRows = [
    {
      key: 'rawAggregate20ms',
      label: 'raw Node Promise.all + undici, 3 × 20 ms',
      url: `${base.rawAggregate}${product}`,
    },
    {
      key: 'aggregate20ms',
      label: 'Concierge GET /api/products/:id, 3 × 20 ms',
      url: `${gw.webDemo}/api/products/p-0001`,
    },
  ]
    .filter((row) => !ONLY || ONLY.has(row.key))
    .map((row) => ({ ...row, headers: bearer }));

  const pidsOf = (url) => listeningPids(new URL(url).port);
  const originPids = pidsOf(origin.url);
  for (const row of rows)
    Object.assign(row, { pids: row.key === 'origin' ? [] : pidsOf(row.url), outsidePids: originPids });
  for (const row of latencyRows)
    Object.assign(row, { pids: pidsOf(row.url), outsidePids: [demoServices.pid] });
  // Which profile (CPU.<date>.<pid>…) belongs to which row.
  if (process.env.BENCH_NODE_OPTIONS)
    for (const row of [...rows, ...latencyRows])
      process.stderr.write(`pid ${row.pids.join(',')}: ${row.key}\n`);

  const samples = {};
  const measure = async (row, connections, seconds) => {
    const proxyCpu = watchCpu(row.pids);
    const originCpu = watchCpu(row.outsidePids);
    const result = await load({
      url: row.url,
      headers: row.headers,
      connections,
      seconds,
      unique: row.unique,
    });
    const { busy, processSeconds } = proxyCpu.stop();
    const outsideSeconds = originCpu.stop().processSeconds + result.loaderSeconds;
    const requests = result.rps * seconds;
    const sample = {
      ...result,
      core0: busy[OUTSIDE_CORE],
      core1: busy[PROXY_CORE],
      proxyShare: processSeconds / seconds,
      // How much of core 0 wrk and the origin used themselves (other work on the machine aside).
      outsideShare: outsideSeconds / seconds,
      cpuUsPerRequest: row.pids.length && requests ? (processSeconds * 1e6) / requests : NaN,
    };
    (samples[row.key] ??= []).push(sample);
    const problems = [
      result.non2xx && `${result.non2xx} non-2xx! (the gateways' logs: ${logDir})`,
      result.socketErrors && `${result.socketErrors} socket errors!`,
    ].filter(Boolean);
    process.stderr.write(
      `  ${row.label}: ${Math.round(result.rps)} req/s, core 0 ${Math.round(sample.core0 * 100)}% busy${problems.length ? ` (${problems.join(', ')})` : ''}\n`,
    );
  };
  // Each round starts one row later, so no row always runs first (or last) after the others.
  const rotated = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

  process.stderr.write(`warming up (${rows.length} rows)…\n`);
  for (const row of rows)
    await load({
      url: row.url,
      headers: row.headers,
      connections: CONNECTIONS,
      seconds: WARM_UP_SECONDS,
      unique: row.unique,
    });
  for (let round = 0; round < ROUNDS; round++) {
    process.stderr.write(`round ${round + 1}/${ROUNDS}\n`);
    for (const row of rotated(rows, round)) await measure(row, CONNECTIONS, SECONDS);
  }

  // The targets' CPU-bound ratios again, both rows of each loaded at the same moments (lib/side-by-side.mjs).
  process.stderr.write('side by side\n');
  const sideBySide = await measureSideBySide({
    pairs: SIDE_BY_SIDE_PAIRS,
    rows,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    seconds: SECONDS,
    log: (line) => process.stderr.write(`${line}\n`),
  });

  let streaming;
  if (latencyRows.length) {
    // Three services at 20 ms each, 10 connections: parallel means ~20 ms, sequential would be ~60 ms.
    await fetch(`${urls.catalog}/__chaos`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"latencyMs":20}',
    });
    for (const row of latencyRows)
      await load({ url: row.url, headers: row.headers, connections: 10, seconds: 1 });
    for (let round = 0; round < ROUNDS; round++)
      for (const row of rotated(latencyRows, round)) await measure(row, 10, SECONDS);
    await fetch(`${urls.catalog}/__chaos`, { method: 'DELETE' });
  }
  if (!ONLY || ONLY.has('streaming')) streaming = await measureStreaming(gw.webDemo);
  const metrics = await metricTotals(gw.webAdmin);
  const cache = await cacheOutcomes(gw.webCacheAdmin);

  const summary = {};
  for (const [key, list] of Object.entries(samples)) {
    const mid = (field) => median(list.map((s) => s[field]));
    summary[key] = {
      label: [...rows, ...latencyRows].find((r) => r.key === key).label,
      rps: mid('rps'),
      p50: mid('p50'),
      p99: mid('p99'),
      core0: mid('core0'),
      core1: mid('core1'),
      proxyShare: mid('proxyShare'),
      outsideShare: mid('outsideShare'),
      cpuUsPerRequest: mid('cpuUsPerRequest'),
      non2xx: list.reduce((a, s) => a + s.non2xx, 0),
      socketErrors: list.reduce((a, s) => a + s.socketErrors, 0),
    };
  }
  const result = {
    date: new Date().toISOString(),
    machine: {
      cores,
      pinned: hasTaskset,
      loader,
      origin: origin.kind,
      rounds: ROUNDS,
      seconds: SECONDS,
      connections: CONNECTIONS,
    },
    rows: summary,
    sideBySide,
    streaming,
    metrics,
    cache,
    notes,
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
