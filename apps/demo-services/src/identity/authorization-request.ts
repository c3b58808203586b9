import { SCOPES } from '@concierge/shared/util-contracts';
import { isS256Challenge } from './pkce';
import { redirectUriAllowed, type OidcClient, type OidcClientRegistry } from './oidc-clients';

/** Scopes of OpenID Connect itself, granted besides the API scopes. */
export const OIDC_SCOPES = ['openid', 'profile', 'offline_access'] as const;
const KNOWN_SCOPES: readonly string[] = [...OIDC_SCOPES, ...SCOPES];

/** A checked authorization request (RFC 6749 §4.1.1 with RFC 7636 and OIDC Core §3.1.2.1). */
export interface AuthorizationRequest {
  client: OidcClient;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string;
  state?: string;
  nonce?: string;
}

/** Errors the client can be told about by redirecting back to it (RFC 6749 §4.1.2.1). */
export type AuthorizationErrorCode =
  | 'invalid_request'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'login_required'
  | 'request_not_supported';

export type AuthorizationRequestOutcome =
  | { ok: true; request: AuthorizationRequest }
  /** The client or its redirect URI cannot be trusted: the user is told, nothing is redirected. */
  | { ok: false; redirect: false; description: string }
  | {
      ok: false;
      redirect: true;
      redirectUri: string;
      state?: string;
      error: AuthorizationErrorCode;
      description: string;
    };

/** The parameters an authorization request carries; everything else in a form (credentials) is dropped. */
export const AUTHORIZATION_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'prompt',
] as const;

const MAX_PARAM_LENGTH = 2048;

/** Reads an authorization request from a query or a form, or says why not (and whether to redirect). */
export function parseAuthorizationRequest(
  input: unknown,
  clients: OidcClientRegistry,
): AuthorizationRequestOutcome {
  const params = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const single = (name: string): string | undefined | null => {
    const value = params[name];
    if (value === undefined || value === '') return undefined;
    return typeof value === 'string' && value.length <= MAX_PARAM_LENGTH ? value : null;
  };

  const clientId = single('client_id');
  const client = clientId ? clients.get(clientId) : undefined;
  if (!client)
    return {
      ok: false,
      redirect: false,
      description: 'The application that sent you here is not registered (client_id).',
    };
  const redirectUri = single('redirect_uri');
  if (!redirectUri || !redirectUriAllowed(client, redirectUri)) {
    return {
      ok: false,
      redirect: false,
      description: 'The application asked to return to an address it has not registered (redirect_uri).',
    };
  }

  const state = single('state');
  const fail = (error: AuthorizationErrorCode, description: string): AuthorizationRequestOutcome => ({
    ok: false,
    redirect: true,
    redirectUri,
    ...(typeof state === 'string' ? { state } : {}),
    error,
    description,
  });
  if (state === null) return fail('invalid_request', 'state must be one value of at most 2048 characters');
  for (const name of AUTHORIZATION_PARAMS)
    if (single(name) === null) return fail('invalid_request', `${name} must be a single value`);
  if (params['request'] !== undefined || params['request_uri'] !== undefined)
    return fail('request_not_supported', 'request objects are not supported');

  const responseType = single('response_type');
  if (responseType !== 'code') return fail('unsupported_response_type', 'response_type must be code');
  const codeChallenge = single('code_challenge');
  if (!codeChallenge)
    return fail('invalid_request', 'PKCE is required: send code_challenge with code_challenge_method=S256');
  if (single('code_challenge_method') !== 'S256')
    return fail('invalid_request', 'code_challenge_method must be S256');
  if (!isS256Challenge(codeChallenge))
    return fail('invalid_request', 'code_challenge must be a base64url SHA-256 digest');

  const scopes = [...new Set((single('scope') ?? '').split(' ').filter(Boolean))];
  const unknown = scopes.filter((s) => !KNOWN_SCOPES.includes(s));
  if (unknown.length > 0) return fail('invalid_scope', `unknown scope: ${unknown.join(' ')}`);
  if (single('prompt') === 'none') return fail('login_required', 'the user must sign in');

  const nonce = single('nonce') ?? undefined;
  return {
    ok: true,
    request: {
      client,
      redirectUri,
      scopes,
      codeChallenge,
      ...(state ? { state } : {}),
      ...(nonce ? { nonce } : {}),
    },
  };
}

/** The redirect that answers a request: `code` or `error`, with `state` and `iss` (RFC 9207). */
export function authorizationResponseUrl(
  redirectUri: string,
  params: Record<string, string | undefined>,
): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}
