// Starting and stopping what the benchmark measures: built apps (as in production), nginx, raw baselines.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pinned } from './load.mjs';

export const root = resolve(import.meta.dirname, '../..');
const started = [];

export function spawnPinned(core, argv, env = {}) {
  const full = pinned(core, argv);
  const child = spawn(full[0], full.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.on('data', (d) => process.env.BENCH_VERBOSE && process.stderr.write(d));
  started.push(child);
  return child;
}

export async function waitFor(url, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
}

/** The demo services on ephemeral ports, pinned to `core`; resolves their URLs. */
export function startDemoServices(core, env = {}) {
  const ports = { IDENTITY_PORT: '0', USERS_PORT: '0', CATALOG_PORT: '0', ORDERS_PORT: '0', DEVICES_PORT: '0' };
  const child = spawnPinned(core, [process.execPath, join(root, 'dist/apps/demo-services/main.js')], {
    ...ports,
    LOG_LEVEL: 'warn',
    ...env,
  });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('demo services did not start')), 20_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{"event":"listening"')) return;
      clearTimeout(timer);
      ok({ child, urls: JSON.parse(line).services });
    });
  });
}

/** A built gateway (`node dist/apps/<name>/main.js`), production settings, pinned to `core`. */
export async function startGateway(name, port, core, env) {
  const child = spawnPinned(core, [process.execPath, join(root, 'dist/apps', name, 'main.js')], {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ACCESS_LOG: 'false',
    ...env,
    PORT: String(port),
  });
  await waitFor(`http://127.0.0.1:${port}/health/ready`);
  return child;
}

/** nginx as a reverse proxy with upstream keep-alive, one worker, pinned to `core`. */
export async function startNginx(port, upstream, core) {
  const prefix = mkdtempSync(join(tmpdir(), 'concierge-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const { host } = new URL(upstream);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  upstream backend { server ${host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`,
  );
  const child = spawnPinned(core, ['nginx', '-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;']);
  await waitFor(`http://127.0.0.1:${port}/categories`);
  return child;
}

export async function stop(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

export async function stopAll() {
  await Promise.all(started.map(stop));
}
