import { sendProblem } from '../common/problem.reply';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendBackchannelLogout, type LogoutDelivery } from './backchannel-logout.sender';
import { errorPage, loginPageSecurityHeaders, signedOutPage } from './login-page';
import type { OidcDeps } from './oidc.deps';
import { oauthError, presentedClient, isOAuthError, type OAuthError } from './token-request';

function single(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value !== '' && value.length <= 8192 ? value : undefined;
}

function paramsOf(request: FastifyRequest): Record<string, unknown> {
  const source = request.method === 'POST' ? request.body : request.query;
  return (typeof source === 'object' && source !== null ? source : {}) as Record<string, unknown>;
}

function oauthFailure(reply: FastifyReply, err: OAuthError, viaBasic: boolean): FastifyReply {
  if (err.status === 401)
    reply.header('www-authenticate', viaBasic ? 'Basic realm="concierge"' : 'Bearer realm="concierge"');
  return reply
    .code(err.status)
    .header('cache-control', 'no-store')
    .send({ error: err.error, error_description: err.error_description });
}

/** Ends IdP sessions: their refresh tokens are revoked and every client that got tokens is told. */
async function endSessions(
  deps: OidcDeps,
  match: { sid?: string; subject?: string },
): Promise<{ ended: number; deliveries: LogoutDelivery[] }> {
  const ended = deps.sessions.end(match);
  const deliveries: LogoutDelivery[] = [];
  for (const session of ended) {
    deps.refreshTokens.revokeSession(session.sid);
    const clients = [...session.clients].map((id) => deps.clients.get(id)).filter((c) => c !== undefined);
    deliveries.push(
      ...(await sendBackchannelLogout(deps.oidcTokens, clients, {
        subject: session.subject,
        sid: session.sid,
      })),
    );
  }
  return { ended: ended.length, deliveries };
}

/**
 * Revocation (RFC 7009), RP-initiated logout (the discovery document's `end_session_endpoint`) and an
 * operator's "sign this user out everywhere", each ending sessions with OIDC Back-Channel Logout.
 */
export async function sessionEndRoutes(app: FastifyInstance, deps: OidcDeps): Promise<void> {
  app.post('/oauth/revoke', async (request, reply) => {
    const params = paramsOf(request);
    const presented = presentedClient(params, request.headers.authorization);
    if (isOAuthError(presented))
      return oauthFailure(reply, presented, Boolean(request.headers.authorization));
    const client = deps.clients.authenticate(presented.clientId, presented.secret);
    if (!client)
      return oauthFailure(
        reply,
        oauthError('invalid_client', 'invalid client credentials'),
        presented.viaBasic,
      );
    const token = single(params, 'token');
    if (!token) return oauthFailure(reply, oauthError('invalid_request', 'token is required'), false);
    // §2.2: 200 whether or not the token was known. Access tokens are self-contained JWTs: they cannot be
    // revoked here and simply expire, so only refresh tokens (and their families) are affected.
    deps.refreshTokens.revoke(token, client.clientId);
    return reply.code(200).header('cache-control', 'no-store').send();
  });

  const endSession = async (request: FastifyRequest, reply: FastifyReply) => {
    const params = paramsOf(request);
    const hint = single(params, 'id_token_hint');
    const claims = hint ? await deps.oidcTokens.hintClaims(hint) : undefined;
    const page = (status: number, body: string) =>
      reply.code(status).headers(loginPageSecurityHeaders([])).type('text/html; charset=utf-8').send(body);
    if (hint && !claims)
      return page(400, errorPage('The sign-out request carries an ID token this service did not issue.'));

    const audience = Array.isArray(claims?.aud) ? claims?.aud[0] : claims?.aud;
    const clientId = single(params, 'client_id') ?? audience;
    if (claims && clientId && audience !== clientId)
      return page(400, errorPage('client_id does not match the ID token.'));
    const redirect = single(params, 'post_logout_redirect_uri');
    const client = clientId ? deps.clients.get(clientId) : undefined;
    if (redirect && !client?.postLogoutRedirectUris.includes(redirect)) {
      return page(
        400,
        errorPage(
          'The application asked to return to an address it has not registered (post_logout_redirect_uri).',
        ),
      );
    }

    if (claims?.sid) await endSessions(deps, { sid: claims.sid });
    if (!redirect) return page(200, signedOutPage());
    const url = new URL(redirect);
    const state = single(params, 'state');
    if (state) url.searchParams.set('state', state);
    return reply.header('cache-control', 'no-store').redirect(url.toString(), 303);
  };
  app.get('/oauth/logout', endSession);
  app.post('/oauth/logout', endSession);

  // An operator's switch for the demo (like key rotation): end one session, or all of a user's.
  app.post('/admin/sessions/logout', async (request, reply) => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const sid = single(body, 'sid');
    const subject = single(body, 'sub');
    if (!sid && !subject)
      return sendProblem(request, reply, 400, 'Send the session to end as "sid", or a user as "sub".');
    return endSessions(deps, sid ? { sid } : { subject });
  });
}
