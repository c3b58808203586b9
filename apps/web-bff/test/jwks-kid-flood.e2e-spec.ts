import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateKeyPair, SignJWT } from 'jose';
import { register } from 'prom-client';
import { startWebGateway, type WebGatewayUnderTest } from './web-gateway';

// What the gateway promises: a token whose kid is unknown waits for the next JWKS fetch, and fetches are
// at least JWT's default minimum refetch interval apart (3 s) however many unknown kids arrive.
const MIN_REFETCH_INTERVAL_MS = 3_000;
const FLOOD_PER_SECOND = 5;

describe('web-bff under a flood of tokens with random kids (e2e)', () => {
  let gw: WebGatewayUnderTest;
  let stopFlood: () => Promise<number[]>;

  beforeAll(async () => {
    gw = await startWebGateway();
    expect((await gw.get('/api/dashboard', await gw.token('alice'))).status).toBe(200);
  });
  afterAll(async () => {
    await stopFlood?.();
    await gw.close();
  });

  /** 5 forged tokens a second, each naming a random kid, signed by a key the issuer never published. */
  async function startFlood(): Promise<() => Promise<number[]>> {
    const { privateKey } = await generateKeyPair('RS256');
    const statuses: Array<Promise<number>> = [];
    const forge = () =>
      new SignJWT({ scope: 'profile:read catalog:read orders:read', roles: ['customer'] })
        .setProtectedHeader({ alg: 'RS256', kid: randomUUID(), typ: 'at+jwt' })
        .setIssuer(gw.services.urls.identity)
        .setAudience('concierge')
        .setSubject('u-1001')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    const timer = setInterval(() => {
      statuses.push(forge().then(async (token) => (await gw.get('/api/dashboard', token)).status));
    }, 1000 / FLOOD_PER_SECOND);
    return async () => {
      clearInterval(timer);
      return Promise.all(statuses);
    };
  }

  it('accepts a token signed with a freshly rotated key within seconds, on its first request, and refuses the forgeries with 401', async () => {
    const unknownKidsBefore = await metricValue('concierge_auth_unknown_kid_total');
    await gw.services.resetStats('identity');
    stopFlood = await startFlood();
    // Long enough for the flood to have used up any fixed refetch budget (the old one allowed 10 a minute).
    await sleep(3_000);

    const rotated = await fetch(`${gw.services.urls.identity}/admin/keys/rotate`, { method: 'POST' });
    expect(rotated.status).toBe(200);
    const fresh = await gw.token('bob');

    const started = Date.now();
    const response = await gw.get('/api/dashboard', fresh);
    const secondsToAccept = (Date.now() - started) / 1000;
    process.stdout.write(
      `rotated key accepted under a ${FLOOD_PER_SECOND}/s unknown-kid flood after ${secondsToAccept.toFixed(2)} s\n`,
    );
    expect(response.status).toBe(200);
    expect(secondsToAccept).toBeLessThan((MIN_REFETCH_INTERVAL_MS + 2_000) / 1000);

    await sleep(2_000);
    const floodStatuses = await stopFlood();
    const floodSeconds = (Date.now() - started) / 1000 + 3;
    expect(floodStatuses.length).toBeGreaterThan(20);
    expect(new Set(floodStatuses)).toEqual(new Set([401]));

    // Coalesced and spaced: one fetch per interval at most, however many unknown kids arrived.
    const jwksFetches = (await gw.services.stats('identity')).byRoute['GET /.well-known/jwks.json'] ?? 0;
    expect(jwksFetches).toBeGreaterThan(0);
    expect(jwksFetches).toBeLessThanOrEqual(Math.ceil((floodSeconds * 1000) / MIN_REFETCH_INTERVAL_MS) + 1);
    expect(
      (await metricValue('concierge_auth_unknown_kid_total')) - unknownKidsBefore,
    ).toBeGreaterThanOrEqual(floodStatuses.length);
  }, 60_000);
});

async function metricValue(name: string): Promise<number> {
  const metric = register.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}
