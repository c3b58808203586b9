import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { Registry } from 'prom-client';
import { RateLimitStoreUnavailableError, type RateLimitStore } from '../src';
import { startTestApp } from './test-app';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });

async function statuses(url: string, count: number, headers: Record<string, string> = {}): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await get(url, headers)).status);
  return result;
}

describe('RateLimitModule (e2e, in-process store)', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startTestApp({ default: '5/60s', keyBy: 'user', registry: new Registry() }));
  });
  afterAll(() => app.close());

  it('sends the headers on every allowed response, and the one showing r=0 is the last allowed', async () => {
    const user = { 'x-test-user': 'alice' };
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await get(`${url}/items`, user);
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-policy')).toBe('"default";q=5;w=60');
      seen.push(response.headers.get('ratelimit') ?? '');
    }
    expect(seen.map((h) => /;r=(\d+);t=(\d+)$/.exec(h)?.[1])).toEqual(['4', '3', '2', '1', '0']);
    expect(seen.every((h) => h.startsWith('"default";'))).toBe(true);

    const refused = await get(`${url}/items`, user);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(12); // one slot every 12 s
    expect(refused.headers.get('ratelimit')).toMatch(/^"default";r=0;t=\d+$/);
    expect(refused.headers.get('ratelimit-policy')).toBe('"default";q=5;w=60');
    const body = (await refused.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 429, type: expect.stringMatching(/rate-limited$/) });
  });

  it('lets a route-level decorator override the default, with a bucket of its own', async () => {
    const user = { 'x-test-user': 'carol' };
    expect(await statuses(`${url}/items`, 6, user)).toEqual([200, 200, 200, 200, 200, 429]);
    const strict = await get(`${url}/items/strict`, user);
    expect(strict.status).toBe(200);
    expect(strict.headers.get('ratelimit-policy')).toBe('"burst";q=2;w=1, "sustained";q=3;w=60');
    expect(strict.headers.get('ratelimit')).toMatch(/^"burst";r=1;t=1, "sustained";r=2;t=\d+$/);
    const second = await get(`${url}/items/strict`, user);
    expect(second.headers.get('ratelimit')).toMatch(/^"burst";r=0;t=1, /);
    const third = await get(`${url}/items/strict`, user);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('1');
  });

  it('leaves @SkipRateLimit() routes and controllers alone: no headers, never 429', async () => {
    for (const path of ['/items/free', '/health/live']) {
      for (let i = 0; i < 8; i++) {
        const response = await get(`${url}${path}`, { 'x-test-user': 'dave' });
        expect(response.status).toBe(200);
        expect(response.headers.get('ratelimit')).toBeNull();
        expect(response.headers.get('ratelimit-policy')).toBeNull();
      }
    }
  });

  it('gives separate users separate buckets', async () => {
    expect(await statuses(`${url}/items`, 6, { 'x-test-user': 'erin' })).toEqual([
      200, 200, 200, 200, 200, 429,
    ]);
    expect(await statuses(`${url}/items`, 1, { 'x-test-user': 'frank' })).toEqual([200]);
  });

  it('keys anonymous callers on the socket address: a spoofed X-Forwarded-For changes nothing', async () => {
    const spoofed = (i: number) => ({
      'x-forwarded-for': `198.51.100.${i}`,
      forwarded: `for=198.51.100.${i}`,
    });
    const results: number[] = [];
    for (let i = 0; i < 6; i++) results.push((await get(`${url}/by-ip`, spoofed(i))).status);
    expect(results).toEqual([200, 200, 200, 200, 429, 429]);
    // keyBy: 'ip' on the controller: a verified user on this route still counts against the address.
    expect((await get(`${url}/by-ip`, { 'x-test-user': 'gina' })).status).toBe(429);
  });
});

describe('RateLimitModule (e2e, behind a trusted proxy)', () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startTestApp({
      default: '2/60s',
      trustedProxies: ['127.0.0.1'],
      registry: new Registry(),
    }));
  });
  afterAll(() => app.close());

  it('keys on the client the trusted proxy names, from the right of X-Forwarded-For', async () => {
    const via = (client: string) => ({ 'x-forwarded-for': `6.6.6.6, ${client}` });
    expect(await statuses(`${url}/items`, 3, via('203.0.113.1'))).toEqual([200, 200, 429]);
    expect(await statuses(`${url}/items`, 2, via('203.0.113.2'))).toEqual([200, 200]);
  });
});

describe('RateLimitModule (e2e, store unreachable, fail-closed)', () => {
  const brokenRedis: RateLimitStore = {
    kind: 'redis',
    consume: () => Promise.reject(new RateLimitStoreUnavailableError('connect ECONNREFUSED')),
    isReady: async () => false,
    close: async () => undefined,
  };

  it('answers 503 problem+json with Retry-After when the store cannot be asked', async () => {
    const { app, url } = await startTestApp({
      default: '5/60s',
      failMode: 'closed',
      store: brokenRedis,
      registry: new Registry(),
    });
    try {
      const response = await get(`${url}/items`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(((await response.json()) as { type: string }).type).toMatch(/rate-limiter-unavailable$/);
      expect((await get(`${url}/health/live`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('RateLimitModule (e2e, two replicas on one Redis)', () => {
  const prefix = `test:rl-e2e:${randomUUID()}:`;
  const replicas: { app: NestFastifyApplication; url: string }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startTestApp({ default: '100/1h', redisUrl: REDIS_URL, prefix, registry: new Registry() }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(replicas.map(({ app }) => app.close()));
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('allows the limit L in total across both replicas, not 2L', async () => {
    const user = { 'x-test-user': 'shared-user' };
    const results: number[] = [];
    // 300 requests spread over both replicas, 20 at a time.
    for (let batch = 0; batch < 15; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => get(`${replicas[i % 2].url}/items`, user)),
      );
      results.push(...responses.map((r) => r.status));
    }
    expect(results.filter((s) => s === 200)).toHaveLength(100);
    expect(results.filter((s) => s === 429)).toHaveLength(200);
  });
});
