import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { spawnApp, startOrigin, type Origin, type SpawnedApp } from '@concierge/shared/util-testing';

const MiB = 1024 * 1024;
const URLS = 30_000;
const URL_LENGTH = 4000;

/** Resident memory of a process, from the kernel's own account. */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

describe('web-bff response cache under a flood of unique URLs (e2e, built app)', () => {
  let origin: Origin;
  let gateway: SpawnedApp;
  let client: Pool;
  let dir: string;

  beforeAll(async () => {
    origin = await startOrigin();
    origin.route('/flood/*', () => ({
      headers: { 'content-type': 'text/plain', 'cache-control': 'public, max-age=600' },
      body: 'a public page',
    }));
    dir = mkdtempSync(join(tmpdir(), 'cache-memory-'));
    const routesFile = join(dir, 'routes.yaml');
    writeFileSync(
      routesFile,
      `routes:\n  - { id: flood, methods: [GET], path: /flood/*, upstream: { url: "${origin.url}", rewrite: /flood/* }, auth: public, cache: { enabled: true } }\n`,
    );
    gateway = await spawnApp('web-bff', {
      ROUTES_FILE: routesFile,
      CACHE_MAX_BYTES: String(8 * MiB),
      RATE_LIMIT_DEFAULT: 'off',
      LOG_LEVEL: 'warn',
      ACCESS_LOG: 'false',
      IDENTITY_URL: 'http://127.0.0.1:9',
      // The in-process store is the one under test, whatever the suite's environment says.
      ...({ REDIS_URL: undefined } as unknown as Record<string, string>),
      // The heap limit under which the uncounted cache used to crash the process.
      NODE_OPTIONS: '--max-old-space-size=192',
    });
    client = new Pool(gateway.url, { connections: 8 });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    await origin?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function get(path: string): Promise<{ status: number; cacheStatus: string }> {
    const response = await client.request({ path, method: 'GET' });
    await response.body.dump();
    return { status: response.statusCode, cacheStatus: String(response.headers['cache-status']) };
  }

  const uniqueUrl = (i: number) => {
    const head = `/flood/${i}?pad=`;
    return head + 'p'.repeat(URL_LENGTH - head.length);
  };

  it(`stores ${URLS} unique 4 KB URLs with CACHE_MAX_BYTES=8MiB and grows RSS by less than 64 MB`, async () => {
    // Warm-up: code paths compiled and pools open before the baseline.
    for (let i = 1; i <= 500; i += 1) await get(uniqueUrl(-i));
    const baseline = rssOf(gateway.process.pid as number);
    let stored = 0;
    let peak = baseline;
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let i = worker; i < URLS; i += 8) {
          const answer = await get(uniqueUrl(i));
          expect(answer.status).toBe(200);
          if (answer.cacheStatus.endsWith('; stored')) stored += 1;
          if (i % 1000 === worker) peak = Math.max(peak, rssOf(gateway.process.pid as number));
        }
      }),
    );
    peak = Math.max(peak, rssOf(gateway.process.pid as number));
    // Each was stored (the oldest evicted to make room): the bound, not a refusal, kept memory flat.
    expect(stored).toBe(URLS);
    expect(gateway.process.exitCode).toBeNull();
    expect((peak - baseline) / MiB).toBeLessThan(64);
    // The newest entries are still there to serve.
    expect((await get(uniqueUrl(URLS - 1))).cacheStatus).toMatch(/; hit; /);
  }, 240_000);
});
