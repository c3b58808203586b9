import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LogLines,
  spawnApp,
  startOrigin,
  type Origin,
  type SpawnedApp,
} from '@concierge/shared/util-testing';
import { steadyLoad, type SteadyLoad } from './steady-load';

const NOWHERE = 'http://127.0.0.1:1';
const PROBE = '/reload/probe';

type Version = 'a' | 'b' | 'broken';

/**
 * The route under load in each version of the file. `a` and `b` differ in everything a table decides
 * (the upstream path, the rate-limit policy and its bucket), so an answer mixing them would show;
 * `broken` names a service the gateway does not have.
 */
function routesYaml(origin: string, version: Version): string {
  const route = (rewrite: string, extra: string) =>
    `routes:\n  - id: reloaded\n    methods: [GET]\n    path: ${PROBE}\n` +
    `    upstream: { url: "${origin}", rewrite: ${rewrite} }\n    auth: public\n${extra}`;
  if (version === 'a') return route('/v/a', '    rateLimit: off\n');
  if (version === 'b') return route('/v/b', '    rateLimit: 1000000/60s\n');
  return route('/v/a', '').replace(`{ url: "${origin}",`, '{ service: nowhere,');
}

/** `a` or `b` when the answer came whole from one valid table; anything else names what went wrong. */
function tableOf(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): string {
  if (status !== 200) return `status ${status}`;
  const table = (JSON.parse(body) as { table?: string }).table;
  const limited = String(headers['ratelimit-policy'] ?? '').startsWith('"reloaded"');
  if (table === 'a' && !limited) return 'a';
  if (table === 'b' && limited) return 'b';
  return `mixed ${table} limited=${limited}`;
}

async function reloadCounts(gateway: SpawnedApp): Promise<{ success: number; error: number }> {
  const text = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  const of = (result: string) =>
    Number(
      new RegExp(`^concierge_routes_reload_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? NaN,
    );
  return { success: of('success'), error: of('error') };
}

async function adminRoutes(gateway: SpawnedApp) {
  return (await (await fetch(`${gateway.adminUrl}/admin/routes`)).json()) as {
    version: string;
    routes: { id: string; upstream: { rewrite: string } }[];
    lastReload: { result: string; trigger: string; error?: string } | null;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds; a generous bound, only so a broken gateway fails the test at all. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await sleep(25);
  }
}

describe('routes reload under load (e2e, built web gateway)', () => {
  let origin: Origin;
  let dir: string;
  const gateways: SpawnedApp[] = [];
  const logs = new LogLines();

  beforeAll(async () => {
    origin = await startOrigin();
    origin.route('/v/a', () => ({ headers: { 'content-type': 'application/json' }, body: '{"table":"a"}' }));
    origin.route('/v/b', () => ({ headers: { 'content-type': 'application/json' }, body: '{"table":"b"}' }));
    dir = mkdtempSync(join(tmpdir(), 'routes-reload-load-'));
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await origin?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A web gateway serving `file`, starting from version `a`. */
  async function startGateway(file: string, env: Record<string, string> = {}): Promise<SpawnedApp> {
    writeVersion(file, 'a');
    const gateway = await spawnApp(
      'web-bff',
      {
        LOG_LEVEL: 'warn',
        ACCESS_LOG: 'false',
        IDENTITY_URL: NOWHERE,
        RATE_LIMIT_DEFAULT: 'off',
        ROUTES_FILE: file,
        ...env,
      },
      { timeoutMs: 30_000, onStdoutLine: logs.collect },
    );
    gateways.push(gateway);
    return gateway;
  }

  /** Replaces the file at once, as a deployment does (write beside it, then rename over it). */
  function writeVersion(file: string, version: Version): void {
    writeFileSync(`${file}.next`, routesYaml(origin.url, version));
    renameSync(`${file}.next`, file);
  }

  async function servedNow(gateway: SpawnedApp): Promise<string> {
    const response = await fetch(`${gateway.url}${PROBE}`);
    return tableOf(response.status, Object.fromEntries(response.headers), await response.text());
  }

  /** Every verdict of the load but those of the two valid tables, with the counts of `a` and `b`. */
  function outcomes(load: SteadyLoad) {
    const other = [...load.verdicts].filter(([verdict]) => verdict !== 'a' && verdict !== 'b');
    return { a: load.verdicts.get('a') ?? 0, b: load.verdicts.get('b') ?? 0, other };
  }

  it('swaps the routes file 50 times by SIGHUP and POST /admin/reload under a steady load: every answer comes whole from a valid table', async () => {
    const file = join(dir, 'routes.yaml');
    const gateway = await startGateway(file);
    const load = steadyLoad(gateway.url, PROBE, tableOf, { ratePerSecond: 80 });
    let valid: 'a' | 'b' = 'a';
    let lastValidVersion = (await adminRoutes(gateway)).version;
    try {
      for (let swap = 0; swap < 50; swap++) {
        // Every fifth file is broken (the last one too); the others alternate between the two tables.
        const version: Version = swap % 5 === 4 ? 'broken' : (valid = valid === 'a' ? 'b' : 'a');
        writeVersion(file, version);
        if (swap % 2 === 0) {
          const answer = await fetch(`${gateway.adminUrl}/admin/reload`, { method: 'POST' });
          expect(answer.status).toBe(version === 'broken' ? 422 : 200);
          await answer.arrayBuffer();
        } else {
          gateway.process.kill('SIGHUP');
          await until('the SIGHUP reload', async () => {
            const { success, error } = await reloadCounts(gateway);
            return success + error === swap + 1 ? true : undefined;
          });
        }
        if (version !== 'broken') {
          expect(await servedNow(gateway)).toBe(version);
          lastValidVersion = (await adminRoutes(gateway)).version;
        }
        await sleep(60);
      }
    } finally {
      await load.stop();
    }

    const { a, b, other } = outcomes(load);
    console.log(
      `routes reload under load: 50 swaps (40 valid, 10 broken), ${a + b + other.length} answers: ${a} from table a, ${b} from b, ${other.length} kinds of other; ${load.skipped} sends skipped (client backlog)`,
    );
    expect(other).toEqual([]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const table = await adminRoutes(gateway);
    expect(table.version).toBe(lastValidVersion);
    expect(table.routes[0].upstream.rewrite).toBe(`/v/${valid}`);
    expect(table.lastReload).toMatchObject({ result: 'error', trigger: 'SIGHUP' });
    expect(table.lastReload?.error).toContain(
      'routes[0] "reloaded".upstream.service: unknown service "nowhere"',
    );
    expect(await reloadCounts(gateway)).toEqual({ success: 40, error: 10 });
    // One log line per refused reload, naming the entry (waited for: the log is written asynchronously).
    const refusals = (await logs.lines((line) => line.msg.includes('routes reload ('), 10)).map(
      (line) => line.msg,
    );
    expect(refusals).toHaveLength(10);
    for (const refusal of refusals) expect(refusal).toContain('routes[0] "reloaded".upstream.service');
  }, 120_000);

  it('follows the file by itself with ROUTES_WATCH=true, keeping the last valid table through a broken one', async () => {
    const file = join(mkdtempSync(join(dir, 'watched-')), 'routes.yaml');
    const gateway = await startGateway(file, { ROUTES_WATCH: 'true' });
    const load = steadyLoad(gateway.url, PROBE, tableOf, { ratePerSecond: 50 });
    try {
      writeVersion(file, 'b');
      await until('the watched reload to b', async () =>
        (await servedNow(gateway)) === 'b' ? true : undefined,
      );
      writeVersion(file, 'broken');
      await until('the watched broken file', async () =>
        (await adminRoutes(gateway)).lastReload?.result === 'error' ? true : undefined,
      );
      expect(await servedNow(gateway)).toBe('b');
      writeVersion(file, 'a');
      await until('the watched reload to a', async () =>
        (await servedNow(gateway)) === 'a' ? true : undefined,
      );
    } finally {
      await load.stop();
    }
    const watched = outcomes(load);
    console.log(
      `routes reload by file watch under load: ${watched.a} answers from a, ${watched.b} from b, ${watched.other.length} kinds of other`,
    );
    expect(watched.other).toEqual([]);
    expect(await reloadCounts(gateway)).toEqual({ success: 2, error: 1 });
    expect((await adminRoutes(gateway)).lastReload).toMatchObject({ result: 'ok', trigger: 'watch' });
  }, 120_000);
});
