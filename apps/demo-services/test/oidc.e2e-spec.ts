import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { RunningDemoServices } from '../src/demo-services';
import { call, startForTest, type Loose } from './support/start';

const SECRET = 'web-bff-demo-secret-not-for-production';
const basic = `Basic ${Buffer.from(`web-bff:${SECRET}`).toString('base64')}`;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('identity service as an OIDC authorization server', () => {
  let services: RunningDemoServices;
  let base: string;
  let receiver: Server;
  let webOrigin: string;
  const logoutTokens: string[] = [];

  beforeAll(async () => {
    // Stands in for the web gateway's back-channel logout endpoint.
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (req.url === '/bff/backchannel-logout')
          logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '');
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    webOrigin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    services = await startForTest({ identity: { webOrigin, tokenTtlSec: 60, refreshTokenTtlSec: 3600 } });
    base = services.urls.identity;
  });
  afterAll(async () => {
    await services.close();
    await new Promise((r) => receiver.close(r));
  });

  const redirectUri = () => `${webOrigin}/bff/callback`;
  const form = (body: Record<string, string>) => ({
    method: 'POST',
    redirect: 'manual' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
  const authorizeParams = (challenge: string, extra: Record<string, string> = {}) => ({
    response_type: 'code',
    client_id: 'web-bff',
    redirect_uri: redirectUri(),
    scope: 'openid profile orders:read devices:commands',
    state: 'st-1',
    nonce: 'no-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });

  /** Signs in through the form as `username`, returning the redirect back to the client. */
  async function signIn(challenge: string, username = 'alice', password = 'wonderland'): Promise<URL> {
    const response = await fetch(
      `${base}/oauth/authorize`,
      form({ ...authorizeParams(challenge), username, password }),
    );
    expect(response.status).toBe(303);
    return new URL(response.headers.get('location') as string);
  }

  const token = (params: Record<string, string>, authorization = basic) =>
    call(`${base}/oauth/token`, {
      ...form(params),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
    });

  async function codeFlow(username = 'alice', password = 'wonderland'): Promise<Loose> {
    const { verifier, challenge } = pkce();
    const back = await signIn(challenge, username, password);
    const { status, body } = await token({
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') as string,
      redirect_uri: redirectUri(),
      code_verifier: verifier,
    });
    expect(status).toBe(200);
    return body;
  }

  it('lists the whole flow in its discovery document', async () => {
    const { body } = await call(`${base}/.well-known/openid-configuration`);
    expect(body).toMatchObject({
      authorization_endpoint: `${base}/oauth/authorize`,
      revocation_endpoint: `${base}/oauth/revoke`,
      end_session_endpoint: `${base}/oauth/logout`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
    });
  });

  it('shows a sign-in form that runs no script and cannot be framed', async () => {
    const query = new URLSearchParams(
      authorizeParams(pkce().challenge, { state: '"><script>alert(1)</script>' }),
    );
    const response = await fetch(`${base}/oauth/authorize?${query}`);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page).toContain('name="password"');
    expect(page).not.toContain('<script>');
  });

  it('never redirects a request for an unregistered redirect_uri anywhere', async () => {
    const query = new URLSearchParams(
      authorizeParams(pkce().challenge, { redirect_uri: 'https://evil.example/cb' }),
    );
    const response = await fetch(`${base}/oauth/authorize?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('sends a request without PKCE back to the client with an error', async () => {
    const { code_challenge: _c, ...params } = authorizeParams('x');
    const response = await fetch(`${base}/oauth/authorize?${new URLSearchParams(params)}`, {
      redirect: 'manual',
    });
    const location = new URL(response.headers.get('location') as string);
    expect(response.status).toBe(303);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      error: 'invalid_request',
      state: 'st-1',
      iss: base,
    });
  });

  it('answers a wrong password with the form again, and no code', async () => {
    const response = await fetch(
      `${base}/oauth/authorize`,
      form({ ...authorizeParams(pkce().challenge), username: 'alice', password: 'nope' }),
    );
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('Wrong username or password');
  });

  it('exchanges a code once, with its verifier, for tokens and an ID token carrying nonce and sid', async () => {
    const { verifier, challenge } = pkce();
    const back = await signIn(challenge);
    expect(back.origin + back.pathname).toBe(redirectUri());
    expect(back.searchParams.get('state')).toBe('st-1');
    expect(back.searchParams.get('iss')).toBe(base);
    const code = back.searchParams.get('code') as string;

    const wrongVerifier = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      code_verifier: pkce().verifier,
    });
    expect(wrongVerifier).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // The failed attempt used the code up: a code is worth one try.
    const again = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      code_verifier: verifier,
    });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });

    const body = await codeFlow();
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 60,
      scope: 'openid profile orders:read',
      refresh_token: expect.any(String),
    });
    expect(body.refresh_token_expires_in).toBeLessThanOrEqual(3600);
    const jwks = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(body.id_token, jwks, {
      issuer: base,
      audience: 'web-bff',
    });
    expect(protectedHeader.typ).toBe('JWT');
    expect(payload).toMatchObject({
      sub: 'u-1001',
      nonce: 'no-1',
      sid: expect.any(String),
      name: 'Alice Liddell',
      preferred_username: 'alice',
    });
    const access = await jwtVerify(body.access_token, jwks, { issuer: base, audience: 'concierge' });
    expect(access.protectedHeader.typ).toBe('at+jwt');
    expect(access.payload.scope).toBe('openid profile orders:read');
  });

  it('refuses the code exchange without the client secret', async () => {
    const { verifier, challenge } = pkce();
    const code = (await signIn(challenge)).searchParams.get('code') as string;
    const wrong = `Basic ${Buffer.from('web-bff:guess').toString('base64')}`;
    const { status, headers, body } = await token(
      { grant_type: 'authorization_code', code, redirect_uri: redirectUri(), code_verifier: verifier },
      wrong,
    );
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(headers.get('www-authenticate')).toContain('Basic');
  });

  it('rotates refresh tokens, and a reused one revokes the whole sign-in', async () => {
    const first = await codeFlow();
    const second = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(second.body.id_token).sid).toBe(decodeJwt(first.id_token).sid);

    const replay = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const victim = await token({ grant_type: 'refresh_token', refresh_token: second.body.refresh_token });
    expect(victim).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', error_description: expect.stringContaining('revoked') },
    });
  });

  it('revokes a refresh token (RFC 7009) and answers 200 for tokens it does not know', async () => {
    const tokens = await codeFlow();
    const revoke = (t: string) =>
      fetch(`${base}/oauth/revoke`, {
        ...form({ token: t, token_type_hint: 'refresh_token' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
      });
    expect((await revoke(tokens.refresh_token)).status).toBe(200);
    expect((await revoke('never-issued')).status).toBe(200);
    expect(await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).toMatchObject({
      status: 400,
    });
  });

  it('lets a public native client use the code flow with PKCE and no secret', async () => {
    const { verifier, challenge } = pkce();
    const loopback = 'http://127.0.0.1:49152/oauth/callback';
    const params = {
      ...authorizeParams(challenge),
      client_id: 'concierge-mobile',
      redirect_uri: loopback,
      username: 'bob',
      password: 'builder',
    };
    const response = await fetch(`${base}/oauth/authorize`, form(params));
    const code = new URL(response.headers.get('location') as string).searchParams.get('code') as string;
    const { status, body } = await call(
      `${base}/oauth/token`,
      form({
        grant_type: 'authorization_code',
        client_id: 'concierge-mobile',
        code,
        redirect_uri: loopback,
        code_verifier: verifier,
      }),
    );
    expect(status).toBe(200);
    expect(decodeJwt(body.access_token).sub).toBe('u-1002');
  });

  it('ends the session at the end_session_endpoint: refresh refused, a back-channel logout token sent', async () => {
    const tokens = await codeFlow();
    const sid = decodeJwt(tokens.id_token).sid;
    logoutTokens.length = 0;
    const query = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: `${webOrigin}/`,
      state: 'bye',
    });
    const response = await fetch(`${base}/oauth/logout?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${webOrigin}/?state=bye`);

    expect(logoutTokens).toHaveLength(1);
    const jwks = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(logoutTokens[0], jwks, {
      issuer: base,
      audience: 'web-bff',
      typ: 'logout+jwt',
    });
    expect(protectedHeader.typ).toBe('logout+jwt');
    expect(payload).toMatchObject({
      sid,
      sub: 'u-1001',
      events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
    });
    expect(payload).not.toHaveProperty('nonce');
    expect(await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).toMatchObject({
      status: 400,
    });
  });

  it('refuses a logout redirect the client has not registered', async () => {
    const tokens = await codeFlow();
    const query = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: 'https://evil.example/',
    });
    const response = await fetch(`${base}/oauth/logout?${query}`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('signs a user out everywhere on an operator request, telling each client', async () => {
    await codeFlow('bob', 'builder');
    await codeFlow('bob', 'builder');
    logoutTokens.length = 0;
    const { status, body } = await call(`${base}/admin/sessions/logout`, {
      method: 'POST',
      json: { sub: 'u-1002' },
    });
    expect(status).toBe(200);
    expect(body.ended).toBeGreaterThanOrEqual(2);
    // Only web-bff registered a back-channel logout URI; the native app's session ends silently.
    expect(body.deliveries).toEqual(logoutTokens.map(() => ({ clientId: 'web-bff', status: 200 })));
    expect(logoutTokens.length).toBeGreaterThanOrEqual(2);
  });
});
