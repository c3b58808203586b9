#!/usr/bin/env node
// A/B look at one Concierge row while working on the hot path: two web gateways side by side (A and B,
// e.g. before and after a change, or with and without a node flag) behind the bench's fixed 1 KB origin,
// both loaded at the same moments in each round, medians of req/s, of each gateway's CPU time per request and
// of the rounds' B/A ratios.
//
//   node bench/ab.mjs [path] [seconds] [rounds]
//   AB_A_DIST / AB_B_DIST   the built web-bff to run (default: this checkout's dist/apps/web-bff/main.js)
//   AB_A_NODE / AB_B_NODE   extra node flags (space-separated)
//   AB_A_ENV / AB_B_ENV     extra gateway environment as JSON, e.g. '{"ACCESS_LOG":"true"}'
//   AB_ALSO                 another path loaded on both during warm-up (a controller beside a route)
// Run it in a network namespace of your own, like `npm run bench`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from './lib/load.mjs';
import { listeningPids } from './lib/cpu.mjs';
import { loadTogether } from './lib/side-by-side.mjs';
import { fixedProductJson } from './lib/fixed-body.mjs';
import {
  root,
  spawnPinned,
  startDemoServices,
  startNginxOrigin,
  stopAll,
  waitFor,
} from './lib/processes.mjs';
import { writeBenchRoutes } from './lib/routes-file.mjs';

const [path = '/bench/public/products/p-0001', seconds = '4', rounds = '5'] = process.argv.slice(2);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const { urls } = await startDemoServices(0);
  const origin = 'http://127.0.0.1:18200';
  await startNginxOrigin(18_200, fixedProductJson(), 0);
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ACCESS_LOG: 'false',
    IDENTITY_URL: urls.identity,
    USERS_SERVICE_URL: urls.users,
    CATALOG_SERVICE_URL: origin,
    ORDERS_SERVICE_URL: urls.orders,
    DEVICES_SERVICE_URL: urls.devices,
    ROUTES_FILE: writeBenchRoutes(origin),
    RATE_LIMIT_DEFAULT: '100000000/60s',
  };
  const variants = [];
  for (const [name, port] of [
    ['A', 18_201],
    ['B', 18_202],
  ]) {
    const dist = process.env[`AB_${name}_DIST`] ?? join(root, 'dist/apps/web-bff/main.js');
    const flags = process.env[`AB_${name}_NODE`]?.split(' ').filter(Boolean) ?? [];
    const extra = JSON.parse(process.env[`AB_${name}_ENV`] ?? '{}');
    // stdout to a file, as a log shipper reads it: an undrained pipe would stall a gateway that logs.
    const stdout = join(mkdtempSync(join(tmpdir(), `concierge-ab-${name}-`)), 'stdout.log');
    spawnPinned(1, [process.execPath, ...flags, dist], { ...env, ...extra, PORT: String(port) }, stdout);
    await waitFor(`http://127.0.0.1:${port}/health/ready`);
    variants.push({
      name,
      url: `http://127.0.0.1:${port}${path}`,
      pids: listeningPids(port),
      rps: [],
      us: [],
    });
    process.stderr.write(`${name}: ${dist} ${flags.join(' ')} ${JSON.stringify(extra)}\n`);
  }
  const token = await fetch(`${urls.identity}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&username=alice&password=wonderland',
  })
    .then((r) => r.json())
    .then((r) => r.access_token);
  const headers = { authorization: `Bearer ${token}` };
  // AB_ALSO: another path of the same gateway loaded during warm-up (e.g. a controller beside a route).
  const also = process.env.AB_ALSO;
  for (const v of variants) {
    if (also) await load({ url: new URL(also, v.url).href, headers, connections: 50, seconds: 2 });
    await load({ url: v.url, headers, connections: 50, seconds: 3 });
  }
  // Both loaded at the same moments, sharing core 1: the machine's drift from second to second (up to 2×
  // for system calls on this VM, lib/side-by-side.mjs) falls on both, and each round's B/A ratio is kept.
  const ratios = [];
  for (let round = 0; round < Number(rounds); round++) {
    const [a, b] = variants.map((v) => ({ ...v, headers }));
    const together = await loadTogether(a, b, 50, Number(seconds));
    variants.forEach((v, i) => {
      if (together.failures[i])
        process.stderr.write(`${v.name}: ${together.failures[i]} non-2xx or socket errors!\n`);
      v.rps.push(together.rps[i]);
      v.us.push(together.usPerRequest[i]);
    });
    ratios.push(together.ratio);
    process.stderr.write(
      `  ${variants.map((v) => `${v.name}: ${Math.round(v.rps.at(-1))} req/s, ${v.us.at(-1).toFixed(0)} µs CPU/req`).join('; ')}; B/A ${ratios.at(-1).toFixed(3)}\n`,
    );
  }
  for (const v of variants) {
    process.stdout.write(
      `${v.name}: median ${Math.round(median(v.rps))} req/s, ${median(v.us).toFixed(0)} µs CPU/req\n`,
    );
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  process.stdout.write(
    `B/A CPU per request, median of the rounds: ${median(ratios).toFixed(3)} (${sorted[0].toFixed(3)}–${sorted.at(-1).toFixed(3)})\n`,
  );
}

main()
  .catch((error) => {
    process.stderr.write(`ab failed: ${error.stack ?? error}\n`);
    process.exitCode = 1;
  })
  .finally(stopAll);
