import { createHash } from 'node:crypto';
import { freePort } from '@concierge/shared/util-testing';
import { CookieJar, SESSION, signIn } from './session-client';
import { bodyOf, startWebGateway, type WebGatewayUnderTest } from './web-gateway';

const SECRET = 'test-session-secret-at-least-32-characters-long';

describe('web gateway browser sessions (BFF token handler)', () => {
  let gateway: WebGatewayUnderTest;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    gateway = await startWebGateway(
      async (services) => ({
        OIDC_ISSUER: services.urls.identity,
        OIDC_CLIENT_ID: 'web-bff',
        OIDC_CLIENT_SECRET: 'web-bff-demo-secret-not-for-production',
        PUBLIC_ORIGIN: origin,
        SESSION_SECRET: SECRET,
        CORS_ORIGINS: 'https://admin.example',
        CORS_CREDENTIALS: 'true',
      }),
      { port, demoEnv: { IDENTITY_WEB_ORIGIN: origin } },
    );
  });
  afterAll(() => gateway?.close());

  const api = (path: string, jar: CookieJar, headers: Record<string, string> = {}, init: RequestInit = {}) =>
    fetch(`${origin}${path}`, { ...init, headers: { cookie: jar.header(), ...headers } });
  const sameOrigin = { 'x-csrf': '1', 'sec-fetch-site': 'same-origin' };

  it('signs in through the provider and serves the session: /bff/user shows alice', async () => {
    const jar = new CookieJar();
    const { authorize, back } = await signIn(origin, jar, { returnTo: '/orders?page=2' });
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: 'web-bff',
      code_challenge_method: 'S256',
      response_type: 'code',
    });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/orders?page=2');
    const cookie = back.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`)) as string;
    expect(cookie).toMatch(/; Path=\/; Secure; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(cookie).not.toMatch(/Domain/i);

    const user = await api('/bff/user', jar, sameOrigin);
    expect(user.status).toBe(200);
    expect(user.headers.get('cache-control')).toBe('no-store');
    const body = await bodyOf(user);
    expect(body).toMatchObject({
      sub: 'u-1001',
      claims: { name: 'Alice Liddell', preferred_username: 'alice' },
      logoutUrl: '/bff/logout',
    });
    expect(JSON.stringify(body)).not.toMatch(/eyJ/);
  });

  it('authenticates API calls with the session, and the cookie never reaches a service', async () => {
    const jar = new CookieJar();
    await signIn(origin, jar);
    await gateway.services.resetStats('users');
    const dashboard = await api('/api/dashboard', jar, {
      ...sameOrigin,
      cookie: `${jar.header()}; theme=dark`,
    });
    expect(dashboard.status).toBe(200);
    expect((await bodyOf(dashboard)).user).toMatchObject({ id: 'u-1001', displayName: 'Alice Liddell' });
    const seen = (await gateway.services.stats('users')).last?.headers ?? {};
    expect(JSON.stringify(seen)).not.toContain(SESSION);
    expect(seen['x-user-id']).toBe('u-1001');
  });

  it('authenticates declared routes with the session too, forwarding its token and not the cookie', async () => {
    const jar = new CookieJar();
    await signIn(origin, jar);
    await gateway.services.resetStats('catalog');
    const product = await api('/catalog/products/p-0001', jar, sameOrigin);
    expect(product.status).toBe(200);
    const seen = (await gateway.services.stats('catalog')).last?.headers ?? {};
    expect(seen['cookie']).toBeUndefined();
    expect(seen['authorization']).toMatch(/^Bearer eyJ/);
    expect((await api('/catalog/products/p-0001', jar)).status).toBe(403);
  });

  it('refuses a cookie-authenticated call without X-CSRF or from another origin: 403, nothing reaches orders', async () => {
    const jar = new CookieJar();
    await signIn(origin, jar);
    await gateway.services.resetStats('orders');
    const order = { items: [{ productId: 'p-0001', quantity: 1 }] };
    const post = (headers: Record<string, string>) =>
      api(
        '/api/orders',
        jar,
        { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...headers },
        { method: 'POST', body: JSON.stringify(order) },
      );
    const attempts: Record<string, string>[] = [
      {},
      { 'x-csrf': '1', origin: 'https://evil.example' },
      { 'x-csrf': '1', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-origin' },
    ];
    for (const headers of attempts) {
      const refused = await post(headers);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await gateway.services.stats('orders')).total).toBe(0);
    expect((await post(sameOrigin)).status).toBe(201);
  });

  it('lets an app on a listed origin use the session: its preflight allows X-CSRF, its call is served', async () => {
    const preflight = await fetch(`${origin}/api/dashboard`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://admin.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-csrf',
      },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-csrf');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const jar = new CookieJar();
    await signIn(origin, jar);
    const listed = await api('/api/dashboard', jar, {
      'x-csrf': '1',
      origin: 'https://admin.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(listed.status).toBe(200);
  });

  it('keeps bearer-token clients exactly as before, cookie or not', async () => {
    const token = await gateway.token('bob');
    const response = await gateway.get('/api/dashboard', token);
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).user).toMatchObject({ id: 'u-1002' });
    expect((await fetch(`${origin}/api/dashboard`)).status).toBe(401);
  });

  it('answers /bff/user with 401 and a login hint without a session', async () => {
    const response = await api('/bff/user', new CookieJar(), sameOrigin);
    expect(response.status).toBe(401);
    expect(await bodyOf(response)).toMatchObject({ status: 401, login: '/bff/login' });
  });

  it.each([['https://evil.example/'], ['//evil.example'], ['/\\evil.example'], ['/%2F%2Fevil.example']])(
    'never redirects off-site after sign-in, whatever returnTo says: %s',
    async (returnTo) => {
      const { back } = await signIn(origin, new CookieJar(), { returnTo });
      expect(back.headers.get('location')).toBe('/');
    },
  );

  it('refuses a callback whose state does not match the sign-in, and one with no sign-in cookie', async () => {
    const jar = new CookieJar();
    const { callback } = await signInUntilCallback(jar);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged');
    const wrongState = await fetch(forged, { redirect: 'manual', headers: { cookie: jar.header() } });
    expect(wrongState.status).toBe(400);
    expect(wrongState.headers.getSetCookie().some((c) => c.startsWith(`${SESSION}=`))).toBe(false);

    const jar2 = new CookieJar();
    const second = await signInUntilCallback(jar2);
    const noCookie = await fetch(second.callback, { redirect: 'manual' });
    expect(noCookie.status).toBe(400);
    expect(await bodyOf(noCookie)).toMatchObject({ login: '/bff/login' });
  });

  it('refuses an ID token whose nonce is not the sign-in one, and a code bound to another PKCE challenge', async () => {
    const noSession = (response: Response) =>
      !response.headers.getSetCookie().some((c) => c.startsWith(`${SESSION}=`));
    // The browser carries the authorization request, so it can change it: the provider then signs the
    // changed nonce into the ID token, which the gateway compares with the one in its sealed cookie...
    const jar = new CookieJar();
    const { callback } = await signInUntilCallback(jar, { nonce: 'not-the-sign-in-nonce' });
    const wrongNonce = await fetch(callback, { redirect: 'manual', headers: { cookie: jar.header() } });
    expect(wrongNonce.status).toBe(400);
    expect(noSession(wrongNonce)).toBe(true);
    // ...and binds the code to the changed challenge, which the gateway's verifier does not meet.
    const jar2 = new CookieJar();
    const other = createHash('sha256').update('another verifier').digest('base64url');
    const second = await signInUntilCallback(jar2, { code_challenge: other });
    const wrongPkce = await fetch(second.callback, {
      redirect: 'manual',
      headers: { cookie: jar2.header() },
    });
    expect(wrongPkce.status).toBe(400);
    expect(noSession(wrongPkce)).toBe(true);
  });

  it('gives a new session id at sign-in: a planted id is never the one that is signed in', async () => {
    const victim = new CookieJar();
    await signIn(origin, victim);
    const planted = victim.get(SESSION) as string;
    await signIn(origin, victim, { username: 'bob', password: 'builder' });
    expect(victim.get(SESSION)).not.toBe(planted);
    const old = new CookieJar();
    old.set(SESSION, planted);
    expect((await api('/bff/user', old, sameOrigin)).status).toBe(401);
  });

  it('signs out: the provider end-session URL is answered, then the session is gone', async () => {
    const jar = new CookieJar();
    await signIn(origin, jar);
    const logout = await api('/bff/logout', jar, sameOrigin, { method: 'POST' });
    expect(logout.status).toBe(200);
    const { endSessionUrl } = await bodyOf(logout);
    expect(new URL(endSessionUrl).pathname).toBe('/oauth/logout');
    expect(new URL(endSessionUrl).searchParams.get('post_logout_redirect_uri')).toBe(`${origin}/`);
    const cleared = logout.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`)) as string;
    expect(cleared).toMatch(/Max-Age=0/);
    const stale = new CookieJar();
    stale.set(SESSION, jar.get(SESSION) as string);
    expect((await api('/bff/user', stale, sameOrigin)).status).toBe(401);
    expect((await api('/api/dashboard', stale, sameOrigin)).status).toBe(401);
  });

  it('refuses sign-out from another origin', async () => {
    const jar = new CookieJar();
    await signIn(origin, jar);
    expect(
      (await api('/bff/logout', jar, { 'x-csrf': '1', origin: 'https://evil.example' }, { method: 'POST' }))
        .status,
    ).toBe(403);
    expect((await api('/bff/user', jar, sameOrigin)).status).toBe(200);
  });

  it('ends the session when the provider sends a back-channel logout, and refuses forged logout tokens', async () => {
    const jar = new CookieJar();
    await signIn(origin, jar, { username: 'admin', password: 'admin-demo' });
    const forged = await fetch(`${origin}/bff/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'logout_token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1LTEwMDAifQ.',
    });
    expect(forged.status).toBe(400);
    expect((await api('/bff/user', jar, sameOrigin)).status).toBe(200);

    const admin = await fetch(`${gateway.services.urls.identity}/admin/sessions/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'u-1000' }),
    });
    expect(((await admin.json()) as { deliveries: unknown }).deliveries).toEqual([
      { clientId: 'web-bff', status: 200 },
    ]);
    expect((await api('/bff/user', jar, sameOrigin)).status).toBe(401);
  });

  it('answers 503 problem+json, not a 400 or a hang, when the provider fails during the code exchange', async () => {
    const jar = new CookieJar();
    const { callback } = await signInUntilCallback(jar);
    await gateway.services.chaos('identity', { down: true });
    try {
      const back = await fetch(callback, {
        redirect: 'manual',
        headers: { cookie: jar.header() },
        signal: AbortSignal.timeout(15_000),
      });
      expect(back.status).toBe(503);
      expect(back.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(await bodyOf(back))).not.toMatch(/127\.0\.0\.1|oauth\/token/);
    } finally {
      await gateway.services.resetChaos('identity');
    }
  });

  /** The sign-in walk up to (not including) the callback. */
  /** Walks sign-in until the provider's redirect back; `change` alters the authorization request first. */
  async function signInUntilCallback(jar: CookieJar, change: Record<string, string> = {}) {
    const login = await fetch(`${origin}/bff/login`, { redirect: 'manual' });
    jar.take(login);
    const authorize = new URL(login.headers.get('location') as string);
    const form = new URLSearchParams(authorize.searchParams);
    for (const [name, value] of Object.entries(change)) form.set(name, value);
    form.set('username', 'alice');
    form.set('password', 'wonderland');
    const posted = await fetch(`${authorize.origin}/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    return { callback: new URL(posted.headers.get('location') as string) };
  }
});
