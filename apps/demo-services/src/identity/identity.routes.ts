import { SCOPES } from '@concierge/shared/util-contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CredentialStore, Principal } from './credential.store';
import type { KeyRing } from './key-ring';
import type { TokenIssuer } from './token.issuer';
import { authorizeRoutes } from './authorize.routes';
import { refresh, redeemCode } from './oidc-grants';
import type { OidcDeps } from './oidc.deps';
import { sessionEndRoutes } from './session-end.routes';
import { OIDC_SCOPES } from './authorization-request';
import { SIGNING_ALG } from './key-ring';
import {
  SUPPORTED_GRANTS,
  isOAuthError,
  oauthError,
  parseTokenRequest,
  resolveScopes,
  type OAuthError,
} from './token-request';

export interface IdentityDeps {
  credentials: CredentialStore;
  keys: KeyRing;
  tokens: TokenIssuer;
  issuer: () => string;
  /** The authorization-code flow, refresh, revocation and logout. */
  oidc: OidcDeps;
}

/** RFC 6749 §5.1: token responses and their errors must never be cached. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

function sendOAuthError(reply: FastifyReply, err: OAuthError, viaBasic = false): FastifyReply {
  if (err.status === 401)
    reply.header('www-authenticate', viaBasic ? 'Basic realm="concierge"' : 'Bearer realm="concierge"');
  return noStore(reply).code(err.status).send({ error: err.error, error_description: err.error_description });
}

/**
 * The demo IdP: discovery, JWKS, the token endpoint (password, client_credentials, authorization_code
 * with PKCE, rotating refresh tokens), the sign-in form, revocation, logout (RP-initiated and
 * back-channel) and key rotation.
 */
export async function identityRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.get('/.well-known/openid-configuration', async (_request, reply) => {
    const issuer = deps.issuer();
    reply.header('cache-control', 'public, max-age=300');
    return {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${issuer}/oauth/authorize`,
      token_endpoint: `${issuer}/oauth/token`,
      revocation_endpoint: `${issuer}/oauth/revoke`,
      end_session_endpoint: `${issuer}/oauth/logout`,
      grant_types_supported: [...SUPPORTED_GRANTS],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      subject_types_supported: ['public'],
      scopes_supported: [...OIDC_SCOPES, ...SCOPES],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      id_token_signing_alg_values_supported: [SIGNING_ALG],
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
      claims_supported: [
        'iss',
        'sub',
        'aud',
        'exp',
        'iat',
        'nbf',
        'jti',
        'scope',
        'roles',
        'client_id',
        'device_id',
        'sid',
        'auth_time',
        'nonce',
        'azp',
        'name',
        'preferred_username',
      ],
    };
  });

  // Short max-age: verifiers refetch soon after a rotation even if they ignore unknown-kid refreshes.
  app.get('/.well-known/jwks.json', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=60');
    return deps.keys.jwks();
  });

  app.post('/oauth/token', async (request, reply) => {
    const parsed = parseTokenRequest(request.body, request.headers.authorization);
    if (isOAuthError(parsed)) return sendOAuthError(reply, parsed, Boolean(request.headers.authorization));

    if (parsed.grant === 'authorization_code' || parsed.grant === 'refresh_token') {
      const outcome =
        parsed.grant === 'authorization_code'
          ? await redeemCode(deps.oidc, parsed)
          : await refresh(deps.oidc, parsed);
      if (isOAuthError(outcome)) return sendOAuthError(reply, outcome, parsed.client.viaBasic);
      return noStore(reply).send(outcome);
    }

    let principal: Principal | null;
    if (parsed.grant === 'password') {
      const outcome = await deps.oidc.signIns.signIn(request.ip, parsed.username, parsed.password);
      if ('retryAfterSec' in outcome && outcome.retryAfterSec) {
        // No OAuth error code says "slow down" at the token endpoint; 429 with Retry-After does.
        return noStore(reply)
          .code(429)
          .header('retry-after', String(outcome.retryAfterSec))
          .send({
            error: 'temporarily_unavailable',
            error_description: `too many failed sign-ins; retry in ${outcome.retryAfterSec} s`,
          });
      }
      principal = outcome.principal;
      if (!principal)
        return sendOAuthError(reply, oauthError('invalid_grant', 'invalid username or password'));
    } else {
      principal = deps.credentials.authenticateClient(parsed.clientId, parsed.clientSecret);
      if (!principal)
        return sendOAuthError(
          reply,
          oauthError('invalid_client', 'invalid client credentials'),
          parsed.viaBasic,
        );
    }

    const scopes = resolveScopes(parsed.scope, principal.scopes);
    if (isOAuthError(scopes)) return sendOAuthError(reply, scopes);
    return noStore(reply).send(await deps.tokens.issue(principal, scopes));
  });

  await authorizeRoutes(app, deps.oidc);
  await sessionEndRoutes(app, deps.oidc);

  app.post('/admin/keys/rotate', async () => ({ kid: await deps.keys.rotate() }));
}
