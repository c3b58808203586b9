import { eventually, freePort, OwnRedisServer } from '@concierge/shared/util-testing';
import { bodyOf, startWebGateway, type WebGatewayUnderTest } from './web-gateway';

// The Redis-backed stores' deadline: the rate-limit store's default command timeout.
const DEADLINE_MS = 250;

/** `concierge_redis_up{connection="<name>"}` as the admin listener shows it. */
async function redisUp(gw: WebGatewayUnderTest, connection: string): Promise<number | undefined> {
  const text = await (await fetch(`${gw.adminUrl}/metrics`)).text();
  const match = new RegExp(`^concierge_redis_up\\{connection="${connection}"\\} (\\d)`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

describe('web-bff through a Redis outage in fail-open mode (e2e)', () => {
  let redis: OwnRedisServer;
  let gw: WebGatewayUnderTest;
  let token: string;

  beforeAll(async () => {
    redis = new OwnRedisServer(await freePort());
    await redis.start();
    gw = await startWebGateway({
      REDIS_URL: redis.url,
      RATE_LIMIT_FAIL_MODE: 'open',
      RATE_LIMIT_DEFAULT: '1000/60s',
    });
    token = await gw.token('alice');
  }, 60_000);
  afterAll(async () => {
    redis?.resume();
    await gw?.close();
    await redis?.stop();
  });

  const product = () => gw.get('/api/catalog/products/p-0001', token);

  it('stays in its load balancer (ready 200, degraded in the body and the metric) while Redis is gone, and recovers', async () => {
    expect((await product()).status).toBe(200);
    expect(await bodyOf(await fetch(`${gw.url}/health/ready`))).toMatchObject({ status: 'ok', degraded: [] });
    expect(await redisUp(gw, 'rate-limit')).toBe(1);

    await redis.stop();
    await eventually(async () => (await redisUp(gw, 'rate-limit')) === 0);
    const ready = await fetch(`${gw.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await bodyOf(ready)).toMatchObject({
      status: 'degraded',
      degraded: expect.arrayContaining(['rate-limit-redis']),
    });
    for (let i = 0; i < 5; i++) expect((await product()).status).toBe(200);

    await redis.start();
    await eventually(async () => (await bodyOf(await fetch(`${gw.url}/health/ready`))).status === 'ok');
    expect(await redisUp(gw, 'rate-limit')).toBe(1);
    expect((await product()).headers.get('ratelimit')).toMatch(/"default";r=\d+/);
  }, 60_000);

  it('adds almost nothing to a request while Redis hangs: only the few commands that open the breaker wait out the deadline', async () => {
    expect((await product()).status).toBe(200);
    redis.pause();
    const waits: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      const response = await product();
      await response.arrayBuffer();
      waits.push(performance.now() - started);
      expect(response.status).toBe(200);
    }
    expect(waits.filter((ms) => ms >= DEADLINE_MS).length).toBeLessThanOrEqual(5);
    redis.resume();
    // The breaker lets a command through once its pause is over: the next requests (or probes) close it.
    await eventually(
      async () =>
        (await product()).headers.get('ratelimit') !== null && (await redisUp(gw, 'rate-limit')) === 1,
    );
  }, 60_000);
});
