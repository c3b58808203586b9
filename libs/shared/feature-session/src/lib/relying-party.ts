import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { custom, generators, Issuer, type BaseClient, type TokenSet } from 'openid-client';
import type { ResolvedSessionOptions } from './session.options';

/** OIDC Back-Channel Logout 1.0 §2.4. */
const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** What `/bff/login` must remember until `/bff/callback`. */
export interface LoginChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The provider could not be reached or answered nonsense: the user can retry later. */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
}

/**
 * The gateway as an OpenID Connect relying party (`openid-client`): discovery (lazily, retried after a
 * failure, so a provider that is down at start-up does not stop the gateway), the code flow with PKCE,
 * refresh, revocation, the end-session URL and logout-token verification. Every call has a deadline.
 */
export class RelyingParty {
  private client?: Promise<BaseClient>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: ResolvedSessionOptions) {}

  get redirectUri(): string {
    return `${this.options.publicOrigin}/bff/callback`;
  }

  /** Fresh state, nonce and PKCE verifier, and the authorization URL that carries them. */
  async authorizationRequest(): Promise<{ url: string; checks: LoginChecks }> {
    const client = await this.ready();
    const checks = {
      state: generators.state(),
      nonce: generators.nonce(),
      codeVerifier: generators.codeVerifier(),
    };
    const url = client.authorizationUrl({
      scope: this.options.oidc.scope,
      redirect_uri: this.redirectUri,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: generators.codeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, checks };
  }

  /**
   * Checks the callback (state, `iss`), exchanges the code with client authentication and the PKCE
   * verifier, and verifies the ID token (signature against the provider's JWKS, `iss`, `aud`, `nonce`).
   * Throws openid-client's `RPError`/`OPError` when anything does not hold.
   */
  async redeem(callbackUrl: string, checks: LoginChecks): Promise<TokenSet> {
    const client = await this.ready();
    const params = client.callbackParams(callbackUrl);
    return client.callback(this.redirectUri, params, {
      state: checks.state,
      nonce: checks.nonce,
      code_verifier: checks.codeVerifier,
      response_type: 'code',
    });
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    return (await this.ready()).refresh(refreshToken);
  }

  /** RFC 7009; a failure is the provider's problem, not the user's: the session ends anyway. */
  async revoke(refreshToken: string): Promise<void> {
    const client = await this.ready();
    if (client.issuer.metadata.revocation_endpoint) await client.revoke(refreshToken, 'refresh_token');
  }

  /** The provider's end-session URL (RP-initiated logout), or undefined when it has none. */
  async endSessionUrl(idToken: string | undefined): Promise<string | undefined> {
    const client = await this.ready();
    if (!client.issuer.metadata.end_session_endpoint) return undefined;
    return client.endSessionUrl({
      id_token_hint: idToken,
      post_logout_redirect_uri: `${this.options.publicOrigin}/`,
      client_id: this.options.oidc.clientId,
    });
  }

  /**
   * The claims of a valid logout token (§2.6): signed by the provider, for this client, typed
   * `logout+jwt`, with the back-channel logout event, a `sid` or `sub`, and no `nonce`.
   */
  async verifyLogoutToken(token: string): Promise<JWTPayload & { sid?: string; sub?: string }> {
    const client = await this.ready();
    this.jwks ??= createRemoteJWKSet(new URL(client.issuer.metadata.jwks_uri as string), {
      timeoutDuration: this.options.providerTimeoutMs,
    });
    const { payload } = await jwtVerify(token, this.jwks, {
      issuer: client.issuer.metadata.issuer,
      audience: this.options.oidc.clientId,
      typ: 'logout+jwt',
      maxTokenAge: '5m',
      requiredClaims: ['iat', 'jti'],
    });
    const events = payload['events'] as Record<string, unknown> | undefined;
    if (typeof events !== 'object' || events === null || typeof events[BACKCHANNEL_LOGOUT_EVENT] !== 'object')
      throw new Error('the logout token carries no back-channel logout event');
    if (payload['nonce'] !== undefined) throw new Error('a logout token must not carry a nonce');
    if (typeof payload.sid !== 'string' && typeof payload.sub !== 'string')
      throw new Error('the logout token names neither sid nor sub');
    return payload as JWTPayload & { sid?: string; sub?: string };
  }

  private ready(): Promise<BaseClient> {
    this.client ??= this.discover().catch((error: unknown) => {
      this.client = undefined;
      throw new ProviderUnavailableError(
        `discovery of ${this.options.oidc.issuer} failed: ${(error as Error).message}`,
      );
    });
    return this.client;
  }

  private async discover(): Promise<BaseClient> {
    const timeout = this.options.providerTimeoutMs;
    (Issuer as unknown as Record<symbol, unknown>)[custom.http_options] = () => ({ timeout });
    const issuer = await Issuer.discover(this.options.oidc.issuer);
    const client = new issuer.Client({
      client_id: this.options.oidc.clientId,
      client_secret: this.options.oidc.clientSecret,
      redirect_uris: [this.redirectUri],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    client[custom.http_options] = () => ({ timeout });
    client[custom.clock_tolerance] = 5;
    return client;
  }
}
