import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  OwnRedisCluster,
  spawnApp,
  startOrigin,
  type Origin,
  type SpawnedApp,
} from '@concierge/shared/util-testing';
import { SteadyLoad, type LoadSample } from './steady-load';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const EVERY_MS = 50; // 20 requests a second to each gateway's limited route
const CONTROL_EVERY_MS = 100; // and 10 a second to a route that never asks Redis
const OUTAGE_MS = 5_000;
const SLOW_MS = 1_000; // an answer slower than this counts as a failure
const RECOVERED_FOR_MS = 2_000; // every answer decided by Redis again for this long
const MODES = ['open', 'closed'] as const;
type Mode = (typeof MODES)[number];

/** What one gateway's clients met from the kill to the master's return, and after. */
interface Figures {
  outage: { requests: number; served: number; refused503: number; other: number; failedOpen: number };
  /** Answers slower than SLOW_MS from the kill until recovered: the limited route, and the control route beside it. */
  slowerThan1s: { limited: number; control: number; requests: number };
  /** The slowest answer of the limited route before the kill, during the outage, and from the master's return on. */
  maxMs: { before: number; outage: number; after: number };
  recoveredAfterMs: number;
}

function maxMsOf(samples: readonly LoadSample[]): number {
  return Math.round(Math.max(0, ...samples.map((s) => s.ms)));
}

function figuresOf(
  samples: readonly LoadSample[],
  control: readonly LoadSample[],
  at: { kill: number; restart: number; recovered: number },
): Figures {
  const outage = samples.filter((s) => s.sentAt >= at.kill && s.sentAt < at.restart);
  const disturbed = (s: LoadSample) => s.sentAt >= at.kill && s.sentAt < at.recovered;
  const slow = (s: LoadSample) => disturbed(s) && s.ms > SLOW_MS;
  return {
    outage: {
      requests: outage.length,
      served: outage.filter((s) => s.status === 200).length,
      refused503: outage.filter((s) => s.status === 503).length,
      other: outage.filter((s) => s.status !== 200 && s.status !== 503).length,
      failedOpen: outage.filter((s) => s.status === 200 && !s.decided).length,
    },
    slowerThan1s: {
      limited: samples.filter(slow).length,
      control: control.filter(slow).length,
      requests: samples.filter(disturbed).length,
    },
    maxMs: {
      before: maxMsOf(samples.filter((s) => s.sentAt < at.kill)),
      outage: maxMsOf(outage),
      after: maxMsOf(samples.filter((s) => s.sentAt >= at.restart)),
    },
    recoveredAfterMs: Math.round(at.recovered - at.restart),
  };
}

/** Polls `done` every 200 ms until it holds, for at most `timeoutMs`. */
async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!done() && Date.now() < giveUpAt) await sleep(200);
}

/** From when the answers of every load were (and stayed, for RECOVERED_FOR_MS) 200s decided by Redis. */
function recoveredSince(loads: SteadyLoad[], after: number): number | undefined {
  let since = after;
  for (const load of loads) {
    const lastBad = load
      .answered()
      .filter((s) => s.sentAt >= after && (s.status !== 200 || !s.decided))
      .reduce((latest, s) => Math.max(latest, s.sentAt + 1), after);
    since = Math.max(since, lastBad);
  }
  const goodFor = Math.min(
    ...loads.map((load) => Math.max(0, ...load.answered().map((s) => s.sentAt)) - since),
  );
  return goodFor >= RECOVERED_FOR_MS ? since : undefined;
}

/**
 * One master of a 3-master Redis Cluster (this suite's own: killing it disturbs no other suite) is killed
 * under steady load, then started again on its port with its nodes.conf, so it rejoins with its slots.
 * Two web-bff processes on the cluster, one per `RATE_LIMIT_FAIL_MODE`, each take 20 requests a second on a
 * route where every request is a rate-limit decision, from 64 client addresses (buckets on every master),
 * and 10 a second on a route without a limit, the control: what the loaded machine alone costs.
 */
describe('web-bff when a Redis Cluster master is killed mid-load (e2e, built bundle, own cluster)', () => {
  const cluster = new OwnRedisCluster();
  let origin: Origin;
  let dir: string;
  const gateways = {} as Record<Mode, SpawnedApp>;

  beforeAll(async () => {
    origin = await startOrigin();
    for (const route of ['/load/*', '/limited/*', '/free/*']) origin.route(route, () => ({ body: 'ok' }));
    await cluster.start(3);
    dir = mkdtempSync(join(tmpdir(), 'cluster-kill-'));
    const routesFile = join(dir, 'routes.yaml');
    const route = (id: string, rateLimit: string) =>
      `  - { id: ${id}, methods: [GET], path: /${id}/*, upstream: { url: "${origin.url}", rewrite: /${id}/* }, auth: public, rateLimit: "${rateLimit}" }\n`;
    writeFileSync(
      routesFile,
      `routes:\n${route('load', '100000/60s')}${route('limited', '5/3600s')}${route('free', 'off')}`,
    );
    const env = (mode: Mode) => ({
      REDIS_CLUSTER_NODES: cluster.nodes.join(','),
      RATE_LIMIT_FAIL_MODE: mode,
      RATE_LIMIT_DEFAULT: 'off',
      ROUTES_FILE: routesFile,
      TRUSTED_PROXIES: '127.0.0.1',
      // No identity service: the routes are public.
      IDENTITY_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'error',
      ACCESS_LOG: 'false',
    });
    // One after the other, each kept as soon as it runs: afterAll stops whatever started, even if the next fails.
    for (const mode of MODES) gateways[mode] = await spawnApp('web-bff', env(mode));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(Object.values(gateways).map((gateway) => gateway.stop()));
    await cluster.stop();
    await origin?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('keeps serving per fail mode with bounded latency, never crashes, and enforces limits again once the master is back', async () => {
    const loads = MODES.map(
      (mode) =>
        new SteadyLoad(EVERY_MS, (i) => ({
          url: `${gateways[mode].url}/load/${i}`,
          headers: { 'x-forwarded-for': `198.51.100.${i % 64}` },
        })),
    );
    const controls = MODES.map(
      (mode) => new SteadyLoad(CONTROL_EVERY_MS, (i) => ({ url: `${gateways[mode].url}/free/${i}` })),
    );
    // One clock for all: the loads start back to back, within a millisecond of each other.
    [...loads, ...controls].forEach((load) => load.start());
    const clock = loads[0];
    // Warmed up: every answer of both gateways a decision from Redis for RECOVERED_FOR_MS.
    await waitFor(() => recoveredSince(loads, 0) !== undefined, 20_000);
    expect(recoveredSince(loads, 0)).toBeDefined();

    const victim = cluster.servers[1];
    const kill = clock.now();
    await victim.stop(); // SIGKILL
    await sleep(OUTAGE_MS);
    const restart = clock.now();
    await victim.start(); // same port, same nodes.conf: it rejoins with its node id and slots
    await cluster.waitUntilOk();
    await waitFor(() => recoveredSince(loads, restart) !== undefined, 30_000);
    const recovered = recoveredSince(loads, restart) ?? NaN;

    const [open, closed] = await Promise.all(loads.map((load) => load.stop()));
    const [openControl, closedControl] = await Promise.all(controls.map((load) => load.stop()));
    const figures = {
      open: figuresOf(open, openControl, { kill, restart, recovered }),
      closed: figuresOf(closed, closedControl, { kill, restart, recovered }),
    };
    console.log(`master killed for ${OUTAGE_MS} ms under load: ${JSON.stringify(figures)}`);

    // Neither process crashed: both still live, every request answered.
    for (const mode of MODES) {
      expect(gateways[mode].process.exitCode).toBeNull();
      expect((await fetch(`${gateways[mode].url}/health/live`)).status).toBe(200);
    }
    for (const samples of [open, closed, openControl, closedControl])
      expect(samples.filter((s) => s.status === 0)).toEqual([]);
    // Fail open: everything served, much of it without a decision (the outage was real).
    expect(figures.open.outage.other + figures.open.outage.refused503).toBe(0);
    expect(figures.open.outage.failedOpen).toBeGreaterThan(0);
    // Fail closed: refused with 503 problem+json and Retry-After, nothing else, nothing served undecided.
    expect(figures.closed.outage.other).toBe(0);
    expect(figures.closed.outage.refused503).toBeGreaterThan(0);
    expect(closed.filter((s) => s.status === 503).every((s) => s.problemWithRetryAfter)).toBe(true);
    expect(closed.filter((s) => s.status === 200).every((s) => s.decided)).toBe(true);
    // Recovered by itself, without a restart of either gateway.
    expect(recovered).toEqual(expect.any(Number));
    // Bounded: the deadline and the breaker, not the outage, set how long an answer takes. A slow answer is
    // a failure beyond those the control route (no Redis) met meanwhile; on a 2-core machine shared by a
    // dozen processes a fifth more is allowed for the scheduler (the figures above say what was measured).
    for (const mode of MODES) {
      const { limited, control, requests } = figures[mode].slowerThan1s;
      expect(limited - control).toBeLessThanOrEqual(requests / 5);
    }

    // Limits are enforced again, across both gateways: 5 in all for one new client, then 429.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await fetch(`${gateways[MODES[i % 2]].url}/limited/x`, {
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  }, 90_000);
});
