import {
  passwordToken,
  spawnApp,
  startDemoServices,
  startTestRedis,
  TEST_REDIS_KINDS,
  type DemoServices,
  type SpawnedApp,
  type TestRedis,
} from '@concierge/shared/util-testing';
import { serviceEnvironment } from './web-gateway';

const QUOTA = 100;
// An hour's window: the bucket refills one request per 36 s, so a run of a few seconds meets the quota
// exactly, and at most one more if it is slow enough to see a refill.
const WINDOW_SEC = 3600;
const REFILL_MS = (WINDOW_SEC * 1000) / QUOTA;
const REQUESTS = 200;
// This run's own keys: two runs at once on the shared Redis (or a slow one's leftovers) never share bob's
// bucket, so each meets exactly its quota.
const KEY_PREFIX = `test:${process.pid}-${Date.now()}:`;
// bob's buckets on the web gateway (`<prefix>rl:<gateway>:{<policy set>:<caller>}:<policy>`), removed after.
const BOB_KEYS = `${KEY_PREFIX}rl:web-bff:{*user:u-1002}:*`;

interface Answer {
  replica: number;
  status: number;
  remaining?: number;
  policy: string | null;
  retryAfter: string | null;
  contentType: string | null;
}

/** `r` of the `default` item of a `RateLimit` header. */
function remainingOf(header: string | null): number | undefined {
  const match = header?.match(/"default";r=(\d+);t=(\d+)/);
  return match ? Number(match[1]) : undefined;
}

describe.each(TEST_REDIS_KINDS)(
  'web-bff rate limit shared by two replicas through a Redis %s (e2e, built bundles)',
  (kind) => {
    let redis: TestRedis;
    let services: DemoServices;
    const replicas: SpawnedApp[] = [];

    beforeAll(async () => {
      // REDIS_URL, or REDIS_CLUSTER_NODES of a 3-master cluster (the gateways then keep every store on it).
      redis = await startTestRedis(kind, 'shared-rate-limit');
      services = await startDemoServices();
      const env = {
        ...serviceEnvironment(services),
        ...redis.environment,
        REDIS_KEY_PREFIX: KEY_PREFIX,
        RATE_LIMIT_DEFAULT: `${QUOTA}/${WINDOW_SEC}s`,
        // A decision that waits past the 250 ms default goes through uncounted (fail-open): on a machine
        // loaded by the other suites one did, and the count was off. Sized for the load, so only the
        // sharing is tested (the outage suites test the deadline itself).
        RATE_LIMIT_REDIS_TIMEOUT_MS: '5000',
        LOG_LEVEL: 'warn',
        ACCESS_LOG: 'false',
      };
      // One after the other, each kept as soon as it runs: afterAll stops whatever started, even if the next fails.
      for (let i = 0; i < 2; i++) replicas.push(await spawnApp('web-bff', env));
    }, 60_000);
    afterAll(async () => {
      await Promise.all(replicas.map((replica) => replica.stop()));
      await services?.stop();
      await redis?.unlinkMatching(BOB_KEYS);
      await redis?.stop();
    }, 30_000);

    it(`lets one user through ${QUOTA} times in all across both replicas (±1), then answers 429 with Retry-After`, async () => {
      const token = await passwordToken(services.urls.identity, 'bob', 'builder');
      const answers: Answer[] = [];
      const started = Date.now();
      for (let i = 0; i < REQUESTS; i++) {
        const replica = i % 2;
        const response = await fetch(`${replicas[replica].url}/api/catalog/products/p-0001`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        answers.push({
          replica,
          status: response.status,
          remaining: remainingOf(response.headers.get('ratelimit')),
          policy: response.headers.get('ratelimit-policy'),
          retryAfter: response.headers.get('retry-after'),
          contentType: response.headers.get('content-type'),
        });
      }
      const elapsedMs = Date.now() - started;

      const allowed = answers.filter((answer) => answer.status === 200);
      const limited = answers.filter((answer) => answer.status === 429);
      expect(allowed.length + limited.length).toBe(REQUESTS);
      // The quota, plus what the bucket refilled meanwhile: one more at most unless the run took over 36 s.
      expect(allowed.length).toBeGreaterThanOrEqual(QUOTA);
      expect(allowed.length).toBeLessThanOrEqual(QUOTA + Math.max(1, Math.ceil(elapsedMs / REFILL_MS)));
      // Each replica alone would have let 100 through: they count in one bucket.
      for (const replica of [0, 1]) {
        expect(allowed.some((answer) => answer.replica === replica)).toBe(true);
        expect(limited.some((answer) => answer.replica === replica)).toBe(true);
      }

      for (const answer of answers) {
        expect(answer.policy).toBe(`"default";q=${QUOTA};w=${WINDOW_SEC}`);
        expect(answer.remaining).toEqual(expect.any(Number));
      }
      for (const answer of limited) {
        expect(Number(answer.retryAfter)).toBeGreaterThan(0);
        expect(answer.contentType).toMatch(/^application\/problem\+json/);
        expect(answer.remaining).toBe(0);
      }
      // One bucket counting down from 99, whichever replica answers; a refill may hold it level, never raise it.
      const remaining = allowed.map((answer) => answer.remaining as number);
      expect(remaining[0]).toBe(QUOTA - 1);
      for (let i = 1; i < remaining.length; i++) expect(remaining[i]).toBeLessThanOrEqual(remaining[i - 1]);
      // The answer just before the first 429 said none were left.
      const firstLimited = answers.findIndex((answer) => answer.status === 429);
      expect(answers[firstLimited - 1]).toMatchObject({ status: 200, remaining: 0 });
    }, 60_000);
  },
);
