import type { OidcDeps } from './oidc.deps';
import { verifierMatches } from './pkce';
import type { Principal } from './credential.store';
import type { IssuedRefreshToken } from './refresh-token.store';
import {
  oauthError,
  resolveScopes,
  type OAuthError,
  type PresentedClient,
  type TokenRequest,
} from './token-request';

/** A token response of the authorization-code flow: tokens plus an ID token when `openid` was granted. */
export interface OidcTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  refresh_token: string;
  /** Seconds the refresh token (and its rotations) stays usable, so a client can cap its session by it. */
  refresh_token_expires_in: number;
  id_token?: string;
}

type CodeGrant = Extract<TokenRequest, { grant: 'authorization_code' }>;
type RefreshGrantRequest = Extract<TokenRequest, { grant: 'refresh_token' }>;

function authenticate(deps: OidcDeps, presented: PresentedClient): string | OAuthError {
  const client = deps.clients.authenticate(presented.clientId, presented.secret);
  return client ? client.clientId : oauthError('invalid_client', 'invalid client credentials');
}

async function respond(
  deps: OidcDeps,
  grant: {
    clientId: string;
    principal: Principal;
    scopes: string[];
    sid: string;
    authTime: number;
    nonce?: string;
  },
  refresh: IssuedRefreshToken,
): Promise<OidcTokenResponse> {
  const access = await deps.accessTokens.issue(grant.principal, grant.scopes);
  const response: OidcTokenResponse = {
    ...access,
    refresh_token: refresh.token,
    refresh_token_expires_in: refresh.expiresIn,
  };
  if (grant.scopes.includes('openid')) {
    response.id_token = await deps.oidcTokens.idToken({
      subject: grant.principal.subject,
      clientId: grant.clientId,
      sid: grant.sid,
      authTime: grant.authTime,
      nonce: grant.nonce,
      profile: grant.scopes.includes('profile') ? deps.profileOf(grant.principal.subject) : undefined,
    });
  }
  return response;
}

/** RFC 6749 §4.1.3 with RFC 7636 §4.6: a code, once, by its client, for its redirect, with its verifier. */
export async function redeemCode(
  deps: OidcDeps,
  request: CodeGrant,
): Promise<OidcTokenResponse | OAuthError> {
  const clientId = authenticate(deps, request.client);
  if (typeof clientId !== 'string') return clientId;
  const redemption = deps.codes.redeem(request.code);
  if (!redemption.ok) {
    if (redemption.replayedFamily) deps.refreshTokens.revokeFamily(redemption.replayedFamily);
    return oauthError('invalid_grant', 'the code is invalid, expired or already used');
  }
  const { grant } = redemption;
  if (grant.clientId !== clientId || grant.redirectUri !== request.redirectUri)
    return oauthError('invalid_grant', 'the code was issued to another client or redirect_uri');
  if (!verifierMatches(request.codeVerifier, grant.codeChallenge))
    return oauthError('invalid_grant', 'code_verifier does not match the code_challenge');
  const session = deps.sessions.get(grant.sid);
  if (!session) return oauthError('invalid_grant', 'the sign-in session has ended');
  session.clients.add(clientId);
  const refresh = deps.refreshTokens.start({
    clientId,
    principal: grant.principal,
    scopes: grant.scopes,
    sid: grant.sid,
    authTime: grant.authTime,
  });
  redemption.bindFamily(refresh.familyId);
  return respond(deps, { ...grant, clientId }, refresh);
}

const REFRESH_REFUSALS: Record<string, string> = {
  unknown: 'the refresh token is invalid',
  expired: 'the refresh token has expired',
  revoked: 'the refresh token has been revoked',
  'wrong-client': 'the refresh token was issued to another client',
  reused: 'the refresh token was already used; every token of its sign-in is now revoked',
};

/** RFC 6749 §6 with rotation: a new refresh token each time; a reused one revokes its family. */
export async function refresh(
  deps: OidcDeps,
  request: RefreshGrantRequest,
): Promise<OidcTokenResponse | OAuthError> {
  const clientId = authenticate(deps, request.client);
  if (typeof clientId !== 'string') return clientId;
  const outcome = deps.refreshTokens.rotate(request.refreshToken, clientId);
  if (!outcome.ok) return oauthError('invalid_grant', REFRESH_REFUSALS[outcome.reason]);
  const scopes = resolveScopes(request.scope, outcome.grant.scopes);
  if (!Array.isArray(scopes)) return scopes;
  return respond(deps, { ...outcome.grant, scopes }, outcome.next);
}
