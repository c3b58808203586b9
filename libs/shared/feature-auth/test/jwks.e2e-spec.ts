import { AuthModule } from '../src';
import { JwksServer } from './support/jwks-server';
import { generateSigningKey, signToken } from './support/signing-keys';
import { startTestApp } from './support/test-app';

const ISSUER = 'https://id.concierge.test/';
const AUDIENCE = 'concierge-web';
const JWKS_REQUESTS_PER_MINUTE = 5;

describe(`${AuthModule.name} and the issuer's JWKS (e2e)`, () => {
  const claims = { sub: 'user-1', scope: 'orders:read' };
  const options = { issuer: ISSUER, audience: AUDIENCE };

  it('accepts a rotated-in key without a restart', async () => {
    const oldKey = await generateSigningKey('RS256');
    const jwks = await JwksServer.start([oldKey.publicJwk]);
    const api = await startTestApp({ realm: 'r', jwt: { jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE } });
    const call = (token: string) => fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${token}` } });
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

  it('fetches the JWKS a bounded number of times for a burst of tokens with random kids', async () => {
    const key = await generateSigningKey('RS256');
    const jwks = await JwksServer.start([key.publicJwk]);
    const api = await startTestApp({
      realm: 'r',
      jwt: { jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE, jwksRequestsPerMinute: JWKS_REQUESTS_PER_MINUTE },
    });
    try {
      const strangers = await Promise.all(Array.from({ length: 5 }, () => generateSigningKey('RS256')));
      const tokens = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          signToken(strangers[i % strangers.length], claims, { ...options, header: { kid: `random-${i}-${Math.random()}` } }),
        ),
      );
      const statuses = await Promise.all(
        tokens.map(async (token) => (await fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${token}` } })).status),
      );

      expect(statuses.every((status) => status === 401)).toBe(true);
      expect(jwks.fetches).toBeLessThanOrEqual(JWKS_REQUESTS_PER_MINUTE);
    } finally {
      await api.close();
      await jwks.close();
    }
  });

  it('answers 503, not 401, when the issuer\'s keys cannot be fetched, and recovers when they can', async () => {
    const key = await generateSigningKey('RS256');
    const jwks = await JwksServer.start([key.publicJwk]);
    const api = await startTestApp({ realm: 'r', jwt: { jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE } });
    const call = (token: string) => fetch(`${api.url}/orders`, { headers: { authorization: `Bearer ${token}` } });
    const token = await signToken(key, claims, options);
    try {
      jwks.fail(true);
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
});
