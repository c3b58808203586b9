/** RFC 6749 §5.2 error codes the token endpoint answers with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

export interface OAuthError {
  status: 400 | 401;
  error: OAuthErrorCode;
  error_description: string;
}

export type TokenRequest =
  | { grant: 'password'; username: string; password: string; scope?: string }
  | { grant: 'client_credentials'; clientId: string; clientSecret: string; scope?: string; viaBasic: boolean }
  | {
      grant: 'authorization_code';
      code: string;
      redirectUri: string;
      codeVerifier: string;
      client: PresentedClient;
    }
  | { grant: 'refresh_token'; refreshToken: string; scope?: string; client: PresentedClient };

/** Who a request says its client is: a secret for a confidential client, only an id for a public one. */
export interface PresentedClient {
  clientId: string;
  secret?: string;
  viaBasic: boolean;
}

export const SUPPORTED_GRANTS = [
  'password',
  'client_credentials',
  'authorization_code',
  'refresh_token',
] as const;

export function oauthError(error: OAuthErrorCode, description: string): OAuthError {
  return { status: error === 'invalid_client' ? 401 : 400, error, error_description: description };
}

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** RFC 6749 §2.3.1 form-encodes the Basic credentials; many clients do not, so a raw value is accepted too. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function basicCredentials(
  authorization: string | undefined,
): { id: string; secret: string } | null | undefined {
  if (!authorization) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return null;
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** Reads a token request from a form or JSON body and the Authorization header, or says what is wrong. */
export function parseTokenRequest(
  body: unknown,
  authorization: string | undefined,
): TokenRequest | OAuthError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return oauthError('invalid_request', 'the body must be a form or a JSON object');
  }
  const params = body as Record<string, unknown>;
  const grantType = field(params, 'grant_type');
  const scope = field(params, 'scope');
  if (!grantType) return oauthError('invalid_request', 'grant_type is required');

  if (grantType === 'password') {
    const username = field(params, 'username');
    const password = field(params, 'password');
    if (!username || !password) return oauthError('invalid_request', 'username and password are required');
    return { grant: 'password', username, password, scope };
  }

  if (grantType === 'client_credentials') {
    const basic = basicCredentials(authorization);
    if (basic === null) return oauthError('invalid_client', 'malformed HTTP Basic credentials');
    const bodyId = field(params, 'client_id');
    const bodySecret = field(params, 'client_secret');
    if (basic && bodySecret)
      return oauthError('invalid_request', 'use one client authentication method, not two');
    if (basic)
      return {
        grant: 'client_credentials',
        clientId: basic.id,
        clientSecret: basic.secret,
        scope,
        viaBasic: true,
      };
    if (!bodyId || !bodySecret) return oauthError('invalid_client', 'client authentication is required');
    return {
      grant: 'client_credentials',
      clientId: bodyId,
      clientSecret: bodySecret,
      scope,
      viaBasic: false,
    };
  }

  if (grantType === 'authorization_code') {
    const client = presentedClient(params, authorization);
    if (isOAuthError(client)) return client;
    const code = field(params, 'code');
    const redirectUri = field(params, 'redirect_uri');
    const codeVerifier = field(params, 'code_verifier');
    if (!code || !redirectUri) return oauthError('invalid_request', 'code and redirect_uri are required');
    if (!codeVerifier) return oauthError('invalid_request', 'code_verifier is required (PKCE)');
    return { grant: 'authorization_code', code, redirectUri, codeVerifier, client };
  }

  if (grantType === 'refresh_token') {
    const client = presentedClient(params, authorization);
    if (isOAuthError(client)) return client;
    const refreshToken = field(params, 'refresh_token');
    if (!refreshToken) return oauthError('invalid_request', 'refresh_token is required');
    return { grant: 'refresh_token', refreshToken, scope, client };
  }

  return oauthError('unsupported_grant_type', `grant_type must be one of ${SUPPORTED_GRANTS.join(', ')}`);
}

/**
 * The client of a request (RFC 6749 §2.3): HTTP Basic or `client_secret` in the body for a confidential
 * client, `client_id` alone for a public one. Whether that proves the client is for the registry to say.
 */
export function presentedClient(
  body: unknown,
  authorization: string | undefined,
): PresentedClient | OAuthError {
  const params = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const basic = basicCredentials(authorization);
  if (basic === null) return oauthError('invalid_client', 'malformed HTTP Basic credentials');
  const bodyId = field(params, 'client_id');
  const bodySecret = field(params, 'client_secret');
  if (basic && bodySecret)
    return oauthError('invalid_request', 'use one client authentication method, not two');
  if (basic) {
    if (bodyId && bodyId !== basic.id)
      return oauthError('invalid_request', 'client_id does not match the authenticated client');
    return { clientId: basic.id, secret: basic.secret, viaBasic: true };
  }
  if (!bodyId) return oauthError('invalid_client', 'client authentication is required');
  return { clientId: bodyId, ...(bodySecret ? { secret: bodySecret } : {}), viaBasic: false };
}

/** The granted scopes: all allowed ones when none are asked for, else the request if it is a subset. */
export function resolveScopes(
  requested: string | undefined,
  allowed: readonly string[],
): string[] | OAuthError {
  if (requested === undefined) return [...allowed];
  const asked = [...new Set(requested.split(' ').filter(Boolean))];
  const refused = asked.filter((s) => !allowed.includes(s));
  if (asked.length === 0 || refused.length > 0) {
    return oauthError(
      'invalid_scope',
      refused.length ? `scope not allowed: ${refused.join(' ')}` : 'scope is empty',
    );
  }
  return asked;
}

export function isOAuthError(value: unknown): value is OAuthError {
  return typeof value === 'object' && value !== null && 'error' in value && 'status' in value;
}
