import { errors, TokenSet } from 'openid-client';
import { LOGIN_COOKIE, readCookie, SESSION_COOKIE } from './cookies';
import { MemorySessionStore } from './memory-session.store';
import type { RelyingParty } from './relying-party';
import { SessionError } from './session-errors';
import { resolveSessionOptions, type ResolvedSessionOptions } from './session.options';
import { SessionService } from './session.service';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const idToken = (claims: object) => `${part({ alg: 'RS256' })}.${part(claims)}.sig`;

function tokens(now: number, accessToken: string, refreshToken = 'rt-1') {
  return new TokenSet({
    access_token: accessToken,
    token_type: 'Bearer',
    expires_at: Math.floor(now / 1000) + 60,
    refresh_token: refreshToken,
    id_token: idToken({ sub: 'u-1001', sid: 'sid-1', name: 'Alice', nonce: 'n' }),
  });
}

describe(SessionService.name, () => {
  let clock: number;
  let rp: jest.Mocked<
    Pick<
      RelyingParty,
      'authorizationRequest' | 'redeem' | 'refresh' | 'revoke' | 'endSessionUrl' | 'verifyLogoutToken'
    >
  >;
  let sut: SessionService;
  const options = resolveSessionOptions({
    oidc: { issuer: 'https://id.example', clientId: 'web', clientSecret: 's' },
    publicOrigin: 'https://app.example',
    sessionSecret: 'unit-test-session-secret-of-32-characters',
  }) as ResolvedSessionOptions;

  beforeEach(() => {
    clock = 1_700_000_000_000;
    rp = {
      authorizationRequest: jest.fn().mockResolvedValue({
        url: 'https://id.example/authorize?x',
        checks: { state: 's', nonce: 'n', codeVerifier: 'v' },
      }),
      redeem: jest.fn().mockImplementation(async () => tokens(clock, 'at-1')),
      refresh: jest.fn(),
      revoke: jest.fn().mockResolvedValue(undefined),
      endSessionUrl: jest.fn().mockResolvedValue('https://id.example/logout'),
      verifyLogoutToken: jest.fn(),
    };
    sut = new SessionService(options, new MemorySessionStore(), rp as unknown as RelyingParty, () => clock);
  });

  async function signedIn(): Promise<string> {
    const login = await sut.startLogin('/orders');
    const loginCookie = readCookie(login.cookies[0].split(';')[0], LOGIN_COOKIE);
    const done = await sut.finishLogin(
      'https://app.example/bff/callback?code=c&state=s',
      loginCookie,
      undefined,
    );
    return readCookie(done.cookies[0].split(';')[0], SESSION_COOKIE) as string;
  }

  it('keeps state, nonce and verifier only in the sealed sign-in cookie and hands them to the code exchange', async () => {
    const login = await sut.startLogin('/orders');
    expect(login.cookies[0]).not.toMatch(/"state"|\bv\b/);
    const loginCookie = readCookie(login.cookies[0].split(';')[0], LOGIN_COOKIE);
    await sut.finishLogin('https://app.example/bff/callback?code=c&state=s', loginCookie, undefined);
    expect(rp.redeem).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ state: 's', nonce: 'n', codeVerifier: 'v' }),
    );
  });

  it('refuses a callback with no, a tampered or an expired sign-in cookie', async () => {
    const login = await sut.startLogin('/');
    const loginCookie = readCookie(login.cookies[0].split(';')[0], LOGIN_COOKIE) as string;
    await expect(
      sut.finishLogin('https://app.example/bff/callback', undefined, undefined),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      sut.finishLogin('https://app.example/bff/callback', `${loginCookie.slice(0, -2)}xx`, undefined),
    ).rejects.toMatchObject({ status: 400 });
    clock += 601_000;
    await expect(
      sut.finishLogin('https://app.example/bff/callback', loginCookie, undefined),
    ).rejects.toMatchObject({ status: 400 });
    expect(rp.redeem).not.toHaveBeenCalled();
  });

  it('refreshes once for many parallel requests when the token is due', async () => {
    const id = await signedIn();
    expect(await sut.accessTokenFor(id)).toBe('at-1');
    clock += 50_000;
    rp.refresh.mockImplementation(async () => tokens(clock, 'at-2', 'rt-2'));
    const all = await Promise.all(Array.from({ length: 20 }, () => sut.accessTokenFor(id)));
    expect(all).toEqual(Array(20).fill('at-2'));
    expect(rp.refresh).toHaveBeenCalledTimes(1);
    expect(rp.refresh).toHaveBeenCalledWith('rt-1');
  });

  it('ends the session with a 401 and a login hint when the provider refuses the refresh', async () => {
    const id = await signedIn();
    clock += 50_000;
    rp.refresh.mockRejectedValue(new errors.OPError({ error: 'invalid_grant' }));
    const failure = await sut.accessTokenFor(id).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SessionError);
    expect(failure).toMatchObject({ status: 401, login: '/bff/login' });
    expect(await sut.describe(id)).toBeUndefined();
  });

  it('keeps serving the current token while the provider is unreachable, then answers 503', async () => {
    const id = await signedIn();
    clock += 50_000;
    rp.refresh.mockRejectedValue(new Error('connect ECONNREFUSED'));
    expect(await sut.accessTokenFor(id)).toBe('at-1');
    clock += 20_000;
    await expect(sut.accessTokenFor(id)).rejects.toMatchObject({ status: 503 });
  });

  it('does not end the session when the provider answers a refresh with a 5xx', async () => {
    const id = await signedIn();
    clock += 50_000;
    rp.refresh.mockRejectedValue(
      new errors.OPError({ error: 'expected 200 OK, got: 503 Service Unavailable' }, {
        statusCode: 503,
      } as never),
    );
    expect(await sut.accessTokenFor(id)).toBe('at-1');
    rp.refresh.mockImplementation(async () => tokens(clock, 'at-2', 'rt-2'));
    expect(await sut.accessTokenFor(id)).toBe('at-2');
  });

  it('never keeps a session beyond its absolute lifetime, however recently it was used', async () => {
    const id = await signedIn();
    rp.refresh.mockImplementation(async () => tokens(clock, 'at-n'));
    clock += options.absoluteTimeoutSec * 1000 - 1000;
    expect(await sut.accessTokenFor(id)).toBe('at-n');
    clock += 1000;
    expect(await sut.describe(id)).toBeUndefined();
  });

  it('revokes the refresh token on sign-out and forgets the session', async () => {
    const id = await signedIn();
    expect(await sut.logout(id)).toMatchObject({ endSessionUrl: 'https://id.example/logout' });
    expect(rp.revoke).toHaveBeenCalledWith('rt-1');
    expect(await sut.accessTokenFor(id)).toBeUndefined();
  });

  it('ends the sessions a logout token names, once per token', async () => {
    const id = await signedIn();
    rp.verifyLogoutToken.mockResolvedValue({ sid: 'sid-1', sub: 'u-1001', jti: 'j-1' });
    expect(await sut.backchannelLogout('token')).toBe(1);
    expect(await sut.describe(id)).toBeUndefined();
    await expect(sut.backchannelLogout('token')).rejects.toMatchObject({ status: 400 });
  });
});
