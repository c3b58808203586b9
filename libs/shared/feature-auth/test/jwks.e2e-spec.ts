import { AuthModule } from '../src';
import { JwksServer } from './support/jwks-server';
import { generateSigningKey, signToken } from './support/signing-keys';
import { startTestApp } from './support/test-app';

const ISSUER = 'https://id.concierge.test/';
const AUDIENCE = 'concierge-web';
const MIN_REFETCH_INTERVAL_MS = 300;

describe(`${AuthModule.name} and the issuer's JWKS (e2e)`, () => {
  const claims = { sub: 'user-1', scope: 'orders:read' };
  const options = { issuer: ISSUER, audience: AUDIENCE };

  it('accepts a rotated-in key without a restart', async () => {
    const oldKey = await generateSigningKey('RS256');
    const jwks = await JwksServer.start([oldKey.publicJwk]);
    const api = await startTestApp({
      realm: 'r',
      jwt: { jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE },
    });
    const call = (token: string) =>
      fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${token}` } });
    try {
      expect((await call(await signToken(oldKey, claims, options))).status).toBe(200);

      const newKey = await generateSigningKey('PS256');
      jwks.serve([oldKey.publicJwk, newKey.publicJwk]);
      expect((await call(await signToken(newKey, claims, options))).status).toBe(200);
      expect((await call(await signToken(oldKey, { ...claims, jti: 'another' }, options))).status).toBe(200);
      expect(jwks.fetches).toBe(2);
    } finally {
      await api.close();
      await jwks.close();
    }
  });

  it('fetches the JWKS once more, not once per token, for a burst of tokens with random kids', async () => {
    const key = await generateSigningKey('RS256');
    const jwks = await JwksServer.start([key.publicJwk]);
    const api = await startTestApp({
      realm: 'r',
      jwt: {
        jwksUri: jwks.url,
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksMinRefetchIntervalMs: MIN_REFETCH_INTERVAL_MS,
      },
    });
    try {
      const strangers = await Promise.all(Array.from({ length: 5 }, () => generateSigningKey('RS256')));
      const tokens = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          signToken(strangers[i % strangers.length], claims, {
            ...options,
            header: { kid: `random-${i}-${Math.random()}` },
          }),
        ),
      );
      const started = Date.now();
      const statuses = await Promise.all(
        tokens.map(
          async (token) =>
            (await fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${token}` } })).status,
        ),
      );
      const elapsed = Date.now() - started;

      expect(statuses.every((status) => status === 401)).toBe(true);
      // The start-up fetch, then at most one per interval (plus the one under way when the burst ended).
      expect(jwks.fetches).toBeGreaterThanOrEqual(2);
      expect(jwks.fetches).toBeLessThanOrEqual(2 + Math.ceil(elapsed / MIN_REFETCH_INTERVAL_MS));
      expect(jwks.fetches).toBeLessThan(10);
    } finally {
      await api.close();
      await jwks.close();
    }
  });

  it("answers 503, not 401, while the issuer's keys cannot be fetched, and recovers when they can", async () => {
    const key = await generateSigningKey('RS256');
    const jwks = await JwksServer.start([key.publicJwk]);
    jwks.fail(true);
    const api = await startTestApp({
      realm: 'r',
      jwt: {
        jwksUri: jwks.url,
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksMinRefetchIntervalMs: MIN_REFETCH_INTERVAL_MS,
      },
    });
    const call = (token: string) =>
      fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${token}` } });
    const token = await signToken(key, claims, options);
    try {
      const unavailable = await call(token);
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get('retry-after')).toBe('5');
      expect(unavailable.headers.get('www-authenticate')).toBeNull();

      jwks.fail(false);
      expect((await call(token)).status).toBe(200);
    } finally {
      await api.close();
      await jwks.close();
    }
  });

  it('answers 503, not 401, to a token with a new kid while the issuer cannot be reached', async () => {
    const key = await generateSigningKey('RS256');
    const jwks = await JwksServer.start([key.publicJwk]);
    const api = await startTestApp({
      realm: 'r',
      jwt: {
        jwksUri: jwks.url,
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksMinRefetchIntervalMs: MIN_REFETCH_INTERVAL_MS,
      },
    });
    const call = (token: string) =>
      fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${token}` } });
    try {
      jwks.fail(true);
      // Keys already fetched still verify: an outage of the issuer does not log anyone out.
      expect((await call(await signToken(key, claims, options))).status).toBe(200);
      const rotatedIn = await generateSigningKey('ES256');
      const unavailable = await call(await signToken(rotatedIn, claims, options));
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get('retry-after')).toBe('5');
    } finally {
      await api.close();
      await jwks.close();
    }
  });

  it('stops accepting a key the issuer removed at the next refresh, even for a token it accepted before', async () => {
    const kept = await generateSigningKey('ES256');
    const removed = await generateSigningKey('RS256');
    const jwks = await JwksServer.start([kept.publicJwk, removed.publicJwk]);
    jwks.cacheControl('max-age=1');
    const api = await startTestApp({
      realm: 'r',
      jwt: {
        jwksUri: jwks.url,
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksMinMaxAgeMs: 200,
        jwksMinRefetchIntervalMs: MIN_REFETCH_INTERVAL_MS,
      },
    });
    const call = (token: string) =>
      fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${token}` } });
    try {
      const seen = await signToken(removed, claims, options);
      expect((await call(seen)).status).toBe(200);
      jwks.serve([kept.publicJwk]);
      const fetchesBefore = jwks.fetches;
      // The background refresh runs before the 1 s lifetime ends; nothing here triggers it.
      for (let i = 0; i < 40 && jwks.fetches === fetchesBefore; i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(jwks.fetches).toBeGreaterThan(fetchesBefore);

      const refused = await call(seen);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect((await call(await signToken(removed, { ...claims, jti: 'unseen' }, options))).status).toBe(401);
      expect((await call(await signToken(kept, claims, options))).status).toBe(200);
    } finally {
      await api.close();
      await jwks.close();
    }
  });

  it('reports not ready until the keys were fetched once, and refuses an ID token without fetching', async () => {
    const key = await generateSigningKey('RS256');
    const jwks = await JwksServer.start([key.publicJwk]);
    jwks.fail(true);
    const checks = new Map<string, () => boolean | Promise<boolean>>();
    const api = await startTestApp({
      realm: 'r',
      readiness: { register: (name, check) => checks.set(name, check) },
      jwt: {
        jwksUri: jwks.url,
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksMinRefetchIntervalMs: MIN_REFETCH_INTERVAL_MS,
      },
    });
    const call = (token: string) =>
      fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${token}` } });
    try {
      expect(await checks.get('signing-keys')?.()).toBe(false);
      jwks.fail(false);
      expect((await call(await signToken(key, claims, options))).status).toBe(200);
      expect(await checks.get('signing-keys')?.()).toBe(true);

      const fetches = jwks.fetches;
      const idToken = await signToken(key, claims, {
        ...options,
        header: { typ: 'JWT', kid: 'not-even-a-known-kid' },
      });
      const refused = await call(idToken);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain(
        'error_description="The token is not an access token"',
      );
      expect(jwks.fetches).toBe(fetches);
    } finally {
      await api.close();
      await jwks.close();
    }
  });
});
