import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { request } from 'undici';
import { startCacheApp } from './support/cache-app';
import { startOrigin, type Origin } from '@concierge/shared/util-testing';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const PUBLIC_HOST = 'shop.example';

/** A request as a load balancer passes it on: whichever replica gets it, the client's Host is the public one. */
async function viaBalancer(
  replica: string,
  path: string,
  init: { method?: string; headers?: Record<string, string> } = {},
) {
  const response = await request(`${replica}${path}`, {
    method: init.method ?? 'GET',
    headers: { host: PUBLIC_HOST, ...init.headers },
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    header: (name: string) => response.headers[name],
    text,
    json: () => JSON.parse(text) as unknown,
  };
}

/** A hit's `Cache-Status`, its ttl checked to count down from `lifetime` (seconds pass on a loaded machine). */
function expectHit(cacheStatus: unknown, lifetime: number): void {
  const ttl = Number(/^concierge; hit; ttl=(\d+)$/.exec(String(cacheStatus))?.[1]);
  expect(ttl).toBeGreaterThan(lifetime - 10);
  expect(ttl).toBeLessThanOrEqual(lifetime);
}

describe('response cache on Redis, shared by two replicas (e2e)', () => {
  const keyPrefix = `concierge-test:cache:${randomUUID()}:`;
  let origin: Origin;
  let replicas: { app: NestFastifyApplication; url: string }[];
  let redis: Redis;

  async function keysOfThisRun(): Promise<string[]> {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${keyPrefix}*`, count: 1000 }))
      keys.push(...(batch as string[]));
    return keys;
  }

  beforeAll(async () => {
    origin = await startOrigin();
    redis = new Redis(REDIS_URL);
    replicas = [
      await startCacheApp(origin.url, { store: 'redis', redisUrl: REDIS_URL, keyPrefix }),
      await startCacheApp(origin.url, { store: 'redis', redisUrl: REDIS_URL, keyPrefix }),
    ];
  });
  afterAll(async () => {
    await Promise.all(replicas.map(({ app }) => app.close()));
    const keys = await keysOfThisRun();
    if (keys.length) await redis.unlink(...keys);
    await redis.quit();
    await origin.close();
  });

  it('serves on one replica what the other stored, without calling the origin', async () => {
    origin.route('/shared', (_request, calls) => ({
      headers: { 'cache-control': 'max-age=60', 'content-type': 'application/json' },
      body: `{"call":${calls}}`,
    }));
    const [first, second] = replicas;

    const stored = await viaBalancer(first.url, '/proxy/shared');
    expect(stored.json()).toEqual({ call: 1 });
    expect(stored.header('cache-status')).toBe('concierge; fwd=uri-miss; fwd-status=200; ttl=60; stored');

    const hit = await viaBalancer(second.url, '/proxy/shared');
    expect(hit.json()).toEqual({ call: 1 });
    expect(hit.header('content-type')).toBe('application/json');
    expectHit(hit.header('cache-status'), 60);
    expect(origin.calls('/shared')).toBe(1);
    expect(await redis.pttl(`${keyPrefix}GET //${PUBLIC_HOST}/proxy/shared`)).toBeGreaterThan(55_000);
  });

  it('keeps per-principal entries apart across replicas, and stores no principal id in a key', async () => {
    origin.route('/mine/me', (_request, calls) => ({
      headers: { 'cache-control': 'private, max-age=30', 'content-type': 'application/json' },
      body: `{"call":${calls}}`,
    }));
    const [first, second] = replicas;
    const as = (user: string) => ({ headers: { 'x-test-user': user } });
    const alice = (await viaBalancer(first.url, '/proxy/mine/me', as('alice'))).json();
    const aliceOnSecond = await viaBalancer(second.url, '/proxy/mine/me', as('alice'));
    expect(aliceOnSecond.json()).toEqual(alice);
    expectHit(aliceOnSecond.header('cache-status'), 30);

    const bob = await viaBalancer(second.url, '/proxy/mine/me', as('bob'));
    expect(bob.json()).not.toEqual(alice);
    expect(bob.header('cache-status')).toBe('concierge; fwd=uri-miss; fwd-status=200; ttl=30; stored');
    const keys = await keysOfThisRun();
    expect(keys.some((key) => key.includes('/proxy/mine/me'))).toBe(true);
    expect(keys.join()).not.toMatch(/alice|bob/);
  });

  it('invalidation on one replica is seen by the other', async () => {
    origin.route('/stock', (request, calls) =>
      request.method === 'POST'
        ? { status: 204 }
        : { headers: { 'cache-control': 'max-age=60' }, body: `stock ${calls}` },
    );
    const [first, second] = replicas;
    await viaBalancer(first.url, '/proxy/stock');
    await viaBalancer(first.url, '/proxy/stock', { method: 'POST' });
    const after = await viaBalancer(second.url, '/proxy/stock');
    expect(after.text).toBe('stock 2');
  });

  it('reports Redis in readiness', async () => {
    const ready = (await (await fetch(`${replicas[0].url}/health/ready`)).json()) as {
      details: Record<string, unknown>;
    };
    expect(ready.details['response-cache-redis']).toEqual({ status: 'up' });
  });
});

describe('response cache with Redis unreachable (e2e)', () => {
  let origin: Origin;
  let replica: { app: NestFastifyApplication; url: string };

  beforeAll(async () => {
    origin = await startOrigin();
    replica = await startCacheApp(origin.url, {
      store: 'redis',
      redisUrl: 'redis://127.0.0.1:1',
      keyPrefix: 'unused:',
      redisCommandTimeoutMs: 100,
    });
  });
  afterAll(async () => {
    await replica.app.close();
    await origin.close();
  });

  it('still answers every request (as misses) and stays ready, reporting the cache degraded', async () => {
    origin.route('/down', (_request, calls) => ({
      headers: { 'cache-control': 'max-age=60' },
      body: `down ${calls}`,
    }));
    for (const expected of ['down 1', 'down 2']) {
      const response = await fetch(`${replica.url}/proxy/down`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(expected);
      expect(response.headers.get('cache-status')).toBe(
        'concierge; fwd=miss; fwd-status=200; detail=store-error',
      );
    }
    const ready = await fetch(`${replica.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'degraded', degraded: ['response-cache-redis'] });
  });
});
