// Drives load with wrk when it is on the PATH (Debian package), else autocannon (an npm package).
// Both report requests/s and latency percentiles; the loader is pinned to core 0 when there are two.
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = promisify(execFile);
export const cores = availableParallelism();

/** Whether `bin` is on the PATH. */
export async function onPath(bin) {
  try {
    await run('sh', ['-c', `command -v ${bin}`]);
    return true;
  } catch {
    return false;
  }
}
export const hasWrk = await onPath('wrk');
export const hasTaskset = cores >= 2 && (await onPath('taskset'));
export const loader = hasWrk ? 'wrk' : 'autocannon';

/** argv prefixed with `taskset -c <core>` when pinning is possible. */
export function pinned(core, argv) {
  return hasTaskset ? ['taskset', '-c', String(core), ...argv] : argv;
}

function wrkScript(method, headers, body, unique) {
  const dir = mkdtempSync(join(tmpdir(), 'concierge-wrk-'));
  const file = join(dir, 'request.lua');
  const lines = [`wrk.method = ${JSON.stringify(method)}`];
  for (const [name, value] of Object.entries(headers))
    lines.push(`wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`);
  if (body) lines.push(`wrk.body = ${JSON.stringify(body)}`);
  if (unique) {
    // Every request a URL never asked before (a cache miss that is fetched and stored).
    lines.push(
      'local n = 0',
      'request = function() n = n + 1; return wrk.format(nil, wrk.path .. "?n=" .. n) end',
    );
  }
  writeFileSync(file, lines.join('\n'));
  return file;
}

function toMs(value, unit) {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60000 : n;
}

async function withWrk({ url, method = 'GET', headers = {}, body, connections, seconds, unique = false }) {
  const script = wrkScript(method, headers, body, unique);
  // The shell's `times` prints the CPU time its children used: wrk's own cost on the load core.
  const wrk = ['wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, url];
  const argv = pinned(0, ['sh', '-c', '"$0" "$@"; s=$?; times >&2; exit $s', ...wrk]);
  const { stdout, stderr } = await run(argv[0], argv.slice(1), { maxBuffer: 1 << 20 });
  const children =
    stderr
      .trim()
      .split('\n')
      .at(-1)
      .match(/(\d+)m([\d.]+)s/g) ?? [];
  const loaderSeconds = children.reduce((sum, t) => {
    const [, m, sec] = /(\d+)m([\d.]+)s/.exec(t);
    return sum + Number(m) * 60 + Number(sec);
  }, 0);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0);
  const pct = (p) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s|m)`).exec(stdout);
    return m ? toMs(m[1], m[2]) : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  const socketErrors = errors ? errors.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return { rps, p50: pct(50), p99: pct(99), non2xx, socketErrors, loaderSeconds };
}

async function withAutocannon({
  url,
  method = 'GET',
  headers = {},
  body,
  connections,
  seconds,
  unique = false,
}) {
  const { default: autocannon } = await import('autocannon');
  const target = unique ? `${url}?n=[<id>]` : url;
  const result = await autocannon({
    url: target,
    method,
    headers,
    body,
    connections,
    duration: seconds,
    idReplacement: unique,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    socketErrors: result.errors + result.timeouts,
    loaderSeconds: NaN,
  };
}

/** One load run: { rps, p50, p99 (ms), non2xx, socketErrors, loaderSeconds (wrk's CPU time) }; `unique` makes every URL a new one. */
export function load(options) {
  return hasWrk ? withWrk(options) : withAutocannon(options);
}
