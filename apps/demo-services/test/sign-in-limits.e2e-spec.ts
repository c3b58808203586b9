import { createHash, randomBytes } from 'node:crypto';
import type { RunningDemoServices } from '../src/demo-services';
import { call, startForTest } from './support/start';

/** The identity service's sign-in form and password grant under brute force: 429 with Retry-After. */
describe('identity service sign-in limits', () => {
  let services: RunningDemoServices;
  let base: string;
  const webOrigin = 'http://127.0.0.1:3999';

  beforeEach(async () => {
    services = await startForTest({
      identity: { webOrigin, signInLimits: { perIp: 6, perUsername: 3, windowSec: 60 } },
    });
    base = services.urls.identity;
  });
  afterEach(() => services.close());

  /** POSTs the sign-in form of a valid authorization request, as a browser does. */
  const signIn = (username: string, password: string) => {
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    return fetch(`${base}/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        response_type: 'code',
        client_id: 'web-bff',
        redirect_uri: `${webOrigin}/bff/callback`,
        scope: 'openid profile',
        state: 'st',
        nonce: 'no',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        username,
        password,
      }).toString(),
    });
  };
  const passwordGrant = (username: string, password: string) =>
    call(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
    });

  it('refuses a username after its failed attempts with 429 and Retry-After, even with the right password', async () => {
    for (const guess of ['guess-1', 'guess-2', 'guess-3'])
      expect((await signIn('bob', guess)).status).toBe(401);
    const refused = await signIn('bob', 'builder');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.headers.get('location')).toBeNull();
    expect(await refused.text()).toContain('Too many failed sign-ins');
    // The password grant shares the count; another user is not affected.
    const grant = await passwordGrant('bob', 'builder');
    expect(grant.status).toBe(429);
    expect(grant.body).toMatchObject({ error: 'temporarily_unavailable' });
    expect(grant.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await signIn('alice', 'wonderland')).status).toBe(303);
  });

  it('refuses a client IP after its failed attempts, whatever usernames it tries', async () => {
    for (const username of ['alice', 'bob', 'admin', 'nobody-1', 'nobody-2', 'nobody-3'])
      expect((await signIn(username, 'wrong')).status).toBe(401);
    const refused = await signIn('alice', 'wonderland');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await passwordGrant('alice', 'wonderland')).status).toBe(429);
  });
});
