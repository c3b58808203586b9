import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LOGIN_COOKIE, readCookie, SESSION_COOKIE } from './cookies';
import { csrfRefusal } from './csrf';
import { asSessionError, SessionError, LOGIN_PATH } from './session-errors';
import { sendSessionProblem } from './session-problem';
import type { SessionService } from './session.service';
import type { ResolvedSessionOptions } from './session.options';

export interface BffRoutesOptions {
  sessions: SessionService;
  options: ResolvedSessionOptions;
}

const MAX_LOGOUT_TOKEN_BYTES = 16_384;

/**
 * The token handler's own endpoints. Sign-in and callback are top-level navigations; `user` and `logout`
 * are cookie-authenticated calls and take the same CSRF check as every API call; the back-channel logout
 * is the provider's server calling, authenticated by the signed logout token it posts.
 */
export async function bffRoutes(
  app: FastifyInstance,
  { sessions, options }: BffRoutesOptions,
): Promise<void> {
  const handle =
    (handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      reply.header('cache-control', 'no-store');
      try {
        return await handler(request, reply);
      } catch (caught) {
        const error = asSessionError(caught);
        if (error instanceof SessionError) return sendSessionProblem(request, reply, error);
        throw error;
      }
    };
  const cookieAuthenticated = (request: FastifyRequest): string | undefined => {
    const refusal = csrfRefusal(request.headers, options.publicOrigin, options.allowedOrigins);
    if (refusal) throw new SessionError(403, refusal);
    return readCookie(request.headers.cookie, SESSION_COOKIE);
  };
  const redirect = (reply: FastifyReply, to: { location: string; cookies: string[] }) =>
    reply.header('set-cookie', to.cookies).redirect(to.location, 302);

  app.get(
    '/bff/login',
    handle(async (request, reply) =>
      redirect(reply, await sessions.startLogin((request.query as Record<string, unknown>)['returnTo'])),
    ),
  );

  app.get(
    '/bff/callback',
    handle(async (request, reply) => {
      const callbackUrl = `${options.publicOrigin}${request.raw.url ?? '/'}`;
      const login = readCookie(request.headers.cookie, LOGIN_COOKIE);
      return redirect(
        reply,
        await sessions.finishLogin(callbackUrl, login, readCookie(request.headers.cookie, SESSION_COOKIE)),
      );
    }),
  );

  app.get(
    '/bff/user',
    handle(async (request) => {
      const id = cookieAuthenticated(request);
      const view = id ? await sessions.describe(id) : undefined;
      if (!view) throw new SessionError(401, 'Not signed in.', LOGIN_PATH);
      return view;
    }),
  );

  app.post(
    '/bff/logout',
    handle(async (request, reply) => {
      const { endSessionUrl, cookies } = await sessions.logout(cookieAuthenticated(request));
      return reply.header('set-cookie', cookies).send({ endSessionUrl: endSessionUrl ?? null });
    }),
  );

  // The gateway parses forms already (the provider posts `logout_token` as one); a logout token is small.
  app.post(
    '/bff/backchannel-logout',
    { bodyLimit: MAX_LOGOUT_TOKEN_BYTES },
    handle(async (request) => {
      const token = (request.body as Record<string, unknown> | undefined)?.['logout_token'];
      if (typeof token !== 'string' || token === '')
        throw new SessionError(400, 'A form field "logout_token" is required.');
      return { ended: await sessions.backchannelLogout(token) };
    }),
  );
}
