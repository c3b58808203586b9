import { parseAuthorizationRequest } from './authorization-request';
import { demoOidcClients, OidcClientRegistry } from './oidc-clients';

const clients = new OidcClientRegistry(demoOidcClients('https://web.example'));
const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const valid = {
  response_type: 'code',
  client_id: 'web-bff',
  redirect_uri: 'https://web.example/bff/callback',
  scope: 'openid profile orders:read',
  state: 's-1',
  nonce: 'n-1',
  code_challenge: challenge,
  code_challenge_method: 'S256',
};

describe(parseAuthorizationRequest.name, () => {
  it('reads a valid request', () => {
    const outcome = parseAuthorizationRequest(valid, clients);
    expect(outcome).toMatchObject({
      ok: true,
      request: {
        redirectUri: valid.redirect_uri,
        scopes: ['openid', 'profile', 'orders:read'],
        state: 's-1',
        nonce: 'n-1',
      },
    });
  });

  it('never redirects to an unregistered address, even one that only extends a registered one', () => {
    for (const redirect_uri of [
      'https://evil.example/bff/callback',
      'https://web.example/bff/callback/../x',
      'https://web.example/bff/callback?x=1',
      'https://web.example.evil/bff/callback',
    ]) {
      expect(parseAuthorizationRequest({ ...valid, redirect_uri }, clients)).toMatchObject({
        ok: false,
        redirect: false,
      });
    }
    expect(parseAuthorizationRequest({ ...valid, client_id: 'nobody' }, clients)).toMatchObject({
      ok: false,
      redirect: false,
    });
  });

  it('requires PKCE with S256: plain and missing challenges are refused back to the client', () => {
    const { code_challenge: _c, ...withoutChallenge } = valid;
    expect(parseAuthorizationRequest(withoutChallenge, clients)).toMatchObject({
      ok: false,
      redirect: true,
      error: 'invalid_request',
      state: 's-1',
    });
    expect(parseAuthorizationRequest({ ...valid, code_challenge_method: 'plain' }, clients)).toMatchObject({
      ok: false,
      error: 'invalid_request',
    });
  });

  it('refuses other response types, unknown scopes, prompt=none and repeated parameters', () => {
    expect(parseAuthorizationRequest({ ...valid, response_type: 'token' }, clients)).toMatchObject({
      error: 'unsupported_response_type',
    });
    expect(parseAuthorizationRequest({ ...valid, scope: 'openid root' }, clients)).toMatchObject({
      error: 'invalid_scope',
    });
    expect(parseAuthorizationRequest({ ...valid, prompt: 'none' }, clients)).toMatchObject({
      error: 'login_required',
    });
    expect(parseAuthorizationRequest({ ...valid, scope: ['openid', 'x'] }, clients)).toMatchObject({
      error: 'invalid_request',
    });
  });

  it('lets a native app use any loopback port for its registered loopback redirect', () => {
    const native = {
      ...valid,
      client_id: 'concierge-mobile',
      redirect_uri: 'http://127.0.0.1:53124/oauth/callback',
    };
    expect(parseAuthorizationRequest(native, clients)).toMatchObject({ ok: true });
    expect(
      parseAuthorizationRequest(
        { ...native, redirect_uri: 'http://localhost.evil:53124/oauth/callback' },
        clients,
      ),
    ).toMatchObject({ redirect: false });
  });
});
