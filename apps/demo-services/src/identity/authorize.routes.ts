import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  authorizationResponseUrl,
  OIDC_SCOPES,
  parseAuthorizationRequest,
  type AuthorizationRequest,
} from './authorization-request';
import { errorPage, loginPage, loginPageSecurityHeaders } from './login-page';
import type { OidcDeps } from './oidc.deps';

function originOf(uri: string): string {
  const url = new URL(uri);
  // A custom scheme (a native app) has no origin; CSP names it by its scheme.
  return url.origin === 'null' ? url.protocol : url.origin;
}

function html(reply: FastifyReply, status: number, body: string, formTargets: string[] = []): FastifyReply {
  return reply
    .code(status)
    .headers(loginPageSecurityHeaders(formTargets))
    .type('text/html; charset=utf-8')
    .send(body);
}

/** Answers an authorization request that cannot go on: back to the client when it is trusted, else a page. */
function refuse(deps: OidcDeps, reply: FastifyReply, input: unknown): FastifyReply | AuthorizationRequest {
  const outcome = parseAuthorizationRequest(input, deps.clients);
  if (outcome.ok) return outcome.request;
  if (!outcome.redirect) return html(reply, 400, errorPage(outcome.description));
  const url = authorizationResponseUrl(outcome.redirectUri, {
    error: outcome.error,
    error_description: outcome.description,
    state: outcome.state,
    iss: deps.issuer(),
  });
  return reply.code(303).header('cache-control', 'no-store').redirect(url, 303);
}

function grantedScopes(request: AuthorizationRequest, userScopes: readonly string[]): string[] {
  if (request.scopes.length === 0) return [...userScopes];
  // A user is granted what they may have of what was asked (RFC 6749 §3.3); the response says which.
  return request.scopes.filter(
    (s) => (OIDC_SCOPES as readonly string[]).includes(s) || userScopes.includes(s),
  );
}

/**
 * `GET /oauth/authorize` shows the sign-in form for a valid request; `POST /oauth/authorize` checks the
 * request again with the credentials, starts an IdP session and redirects back with a single-use code.
 */
export async function authorizeRoutes(app: FastifyInstance, deps: OidcDeps): Promise<void> {
  app.get('/oauth/authorize', async (request: FastifyRequest, reply) => {
    const checked = refuse(deps, reply, request.query);
    if (!('client' in checked)) return checked;
    return html(
      reply,
      200,
      loginPage(request.query as Record<string, unknown>, { clientId: checked.client.clientId }),
      [originOf(checked.redirectUri)],
    );
  });

  app.post('/oauth/authorize', async (request: FastifyRequest, reply) => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const checked = refuse(deps, reply, body);
    if (!('client' in checked)) return checked;
    const formTargets = [originOf(checked.redirectUri)];
    const username = typeof body['username'] === 'string' ? body['username'].slice(0, 256) : '';
    const password = typeof body['password'] === 'string' ? body['password'].slice(0, 1024) : '';
    const outcome =
      username && password ? await deps.signIns.signIn(request.ip, username, password) : { principal: null };
    const { principal } = outcome;
    if (!principal) {
      const retryAfterSec = 'retryAfterSec' in outcome ? outcome.retryAfterSec : undefined;
      const page = loginPage(body, {
        clientId: checked.client.clientId,
        username,
        error: retryAfterSec
          ? `Too many failed sign-ins. Try again in ${retryAfterSec} s.`
          : 'Wrong username or password.',
      });
      if (retryAfterSec) reply.header('retry-after', String(retryAfterSec));
      return html(reply, retryAfterSec ? 429 : 401, page, formTargets);
    }

    const authTime = Math.floor(Date.now() / 1000);
    const session = deps.sessions.start(principal.subject, authTime);
    const code = deps.codes.issue({
      clientId: checked.client.clientId,
      redirectUri: checked.redirectUri,
      codeChallenge: checked.codeChallenge,
      scopes: grantedScopes(checked, principal.scopes),
      principal,
      sid: session.sid,
      authTime,
      nonce: checked.nonce,
    });
    const url = authorizationResponseUrl(checked.redirectUri, {
      code,
      state: checked.state,
      iss: deps.issuer(),
    });
    return reply.header('cache-control', 'no-store').redirect(url, 303);
  });
}
