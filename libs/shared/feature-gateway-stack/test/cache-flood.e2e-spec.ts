import Redis from 'ioredis';
import {
  startOrigin,
  startRedisServer,
  type Origin,
  type TestRedisServer,
} from '@concierge/shared/util-testing';
import { getWith, startStackGateway, type StackGateway } from './support/stack-gateway';

const PAGE = 'x'.repeat(4096);
const FLOOD_URLS = 2500;

/** The two Redis roles of the manifests, each a redis-server of this test's own with a small memory. */
const STATE_ARGS = ['--maxmemory', '4mb', '--maxmemory-policy', 'noeviction'];
const CACHE_ARGS = ['--maxmemory', '4mb', '--maxmemory-policy', 'allkeys-lru'];

async function evictedKeys(url: string): Promise<number> {
  const client = new Redis(url);
  try {
    const stats = await client.info('stats');
    return Number(/^evicted_keys:(\d+)/m.exec(stats)?.[1]);
  } finally {
    client.disconnect();
  }
}

describe('a cache flood against the rate limits (e2e, own redis-servers)', () => {
  let origin: Origin;
  let state: TestRedisServer;
  let cache: TestRedisServer;
  let gateway: StackGateway;

  beforeAll(async () => {
    origin = await startOrigin();
    origin.route('/limited/*', () => ({ body: 'limited' }));
    origin.route('/pages/*', () => ({ headers: { 'cache-control': 'public, max-age=600' }, body: PAGE }));
    [state, cache] = await Promise.all([startRedisServer(STATE_ARGS), startRedisServer(CACHE_ARGS)]);
    gateway = await startStackGateway(
      `routes:
  - { id: limited, methods: [GET], path: /limited/*, upstream: { url: "${origin.url}", rewrite: /limited/* }, auth: public, rateLimit: 3/600s }
  - { id: later, methods: [GET], path: /later/*, upstream: { url: "${origin.url}", rewrite: /limited/* }, auth: public, rateLimit: 3/600s }
  - { id: pages, methods: [GET], path: /pages/*, upstream: { url: "${origin.url}", rewrite: /pages/* }, auth: public, cache: { enabled: true } }
`,
      { REDIS_URL: state.url, REDIS_CACHE_URL: cache.url, RATE_LIMIT_FAIL_MODE: 'open' },
    );
  }, 30_000);
  afterAll(async () => {
    await gateway?.close();
    await Promise.all([state?.stop(), cache?.stop()]);
    await origin?.close();
  });

  it('keeps every bucket counted and an exhausted one exhausted after unique large URLs overflow the cache', async () => {
    const limited = () => getWith(gateway.port, '/limited/x');
    for (let i = 0; i < 3; i += 1) expect((await limited()).status).toBe(200);
    const exhausted = await limited();
    expect(exhausted.status).toBe(429);

    for (let i = 0; i < FLOOD_URLS; i += 8) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, (_, j) => getWith(gateway.port, `/pages/flood-${i + j}`)),
      );
      for (const answer of batch) expect(answer.status).toBe(200);
    }
    const after = await limited();
    expect(after.status).toBe(429);
    expect(after.headers['ratelimit']).toMatch(/;r=0;/);
    // A bucket first used after the flood is counted and enforced too: the state Redis has room for it.
    const later = [];
    for (let i = 0; i < 4; i += 1) later.push((await getWith(gateway.port, '/later/x')).status);
    expect(later).toEqual([200, 200, 200, 429]);
    // The flood did fill the cache's Redis past its memory, and only that one evicted.
    expect(await evictedKeys(cache.url)).toBeGreaterThan(0);
    expect(await evictedKeys(state.url)).toBe(0);
  }, 120_000);
});
