// Starting and stopping what the benchmark measures: built apps (as in production), nginx, raw baselines.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { chmodSync, mkdtempSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pinned } from './load.mjs';

export const root = resolve(import.meta.dirname, '../..');
const started = [];

/** Starts `argv` pinned to `core`; its stdout goes to `stdoutFile` when given (else a pipe). */
export function spawnPinned(core, argv, env = {}, stdoutFile) {
  const full = pinned(core, argv);
  const stdout = stdoutFile ? openSync(stdoutFile, 'a') : 'pipe';
  const child = spawn(full[0], full.slice(1), {
    env: { ...process.env, ...env },
    stdio: ['ignore', stdout, 'pipe'],
  });
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
  const ports = {
    IDENTITY_PORT: '0',
    USERS_PORT: '0',
    CATALOG_PORT: '0',
    ORDERS_PORT: '0',
    DEVICES_PORT: '0',
    CONSUMERS_PORT: '0',
  };
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

/**
 * Extra node flags for what the bench measures (BENCH_NODE_OPTIONS, e.g. `--cpu-prof`), with a preload that
 * lets the reference proxies exit cleanly on SIGTERM so a profile gets written.
 */
export function benchNodeOptions() {
  const extra = process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  return extra.length ? [...extra, '--import', join(root, 'bench/lib/exit-on-sigterm.mjs')] : [];
}

/** Where the gateways' logs go when not given a file of their own (printed when a row had errors). */
export const logDir = mkdtempSync(join(tmpdir(), 'concierge-bench-logs-'));

/**
 * A built gateway (`node dist/apps/<name>/main.js`), production settings, pinned to `core`. Its stdout goes
 * to a file: a pipe nobody reads fills up, and a gateway writing warnings into it stops.
 */
export async function startGateway(name, port, core, env, stdoutFile = join(logDir, `${name}-${port}.log`)) {
  const argv = [process.execPath, ...benchNodeOptions(), join(root, 'dist/apps', name, 'main.js')];
  const child = spawnPinned(
    core,
    argv,
    { NODE_ENV: 'production', LOG_LEVEL: 'warn', ACCESS_LOG: 'false', ...env, PORT: String(port) },
    stdoutFile,
  );
  await waitFor(`http://127.0.0.1:${port}/health/ready`);
  return child;
}

function nginxConfig(prefix, server) {
  // Started as root, nginx's worker runs as an unprivileged user: it must be able to read the prefix.
  chmodSync(prefix, 0o755);
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  const file = join(prefix, 'nginx.conf');
  writeFileSync(
    file,
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path ${prefix}/body; proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fcgi; uwsgi_temp_path ${prefix}/uwsgi; scgi_temp_path ${prefix}/scgi;
  ${server}
}
`,
  );
  return file;
}

function runNginx(core, prefix, file) {
  return spawnPinned(core, ['nginx', '-p', prefix, '-c', file, '-g', 'daemon off;']);
}

/** nginx as a reverse proxy with upstream keep-alive, one worker, pinned to `core`. */
export async function startNginx(port, upstream, core) {
  const prefix = mkdtempSync(join(tmpdir(), 'concierge-nginx-'));
  const { host } = new URL(upstream);
  const file = nginxConfig(
    prefix,
    `upstream backend { server ${host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }`,
  );
  const child = runNginx(core, prefix, file);
  await waitFor(`http://127.0.0.1:${port}/products/p-0001`);
  return child;
}

/** nginx serving one fixed file for every path (`/cacheable/…` with a shared-cache lifetime). */
export async function startNginxOrigin(port, body, core) {
  const prefix = mkdtempSync(join(tmpdir(), 'concierge-origin-'));
  mkdirSync(join(prefix, 'html'));
  writeFileSync(join(prefix, 'html', 'product.json'), body);
  const file = nginxConfig(
    prefix,
    `open_file_cache max=16 inactive=600s;
  open_file_cache_valid 600s;
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/html;
    default_type application/json;
    etag off;
    # "rewrite … break" keeps the request in its location (try_files would leave it, and its header).
    location /cacheable/ { add_header Cache-Control "public, max-age=300"; rewrite ^ /product.json break; }
    location / { rewrite ^ /product.json break; }
  }`,
  );
  const child = runNginx(core, prefix, file);
  await waitFor(`http://127.0.0.1:${port}/products/p-0001`);
  return child;
}

/** A throw-away redis-server (no persistence) on `port`, pinned to `core`. */
export async function startRedis(port, core) {
  const child = spawnPinned(core, [
    'redis-server',
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  const deadline = Date.now() + 10_000;
  const { connect } = await import('node:net');
  while (Date.now() < deadline) {
    const up = await new Promise((ok) => {
      const socket = connect(port, '127.0.0.1', () => (socket.end(), ok(true))).on('error', () => ok(false));
    });
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start');
}

export async function stop(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

export async function stopAll() {
  await Promise.all(started.map(stop));
}
