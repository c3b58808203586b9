import { HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE, withResponseHeaders } from '@concierge/shared/util-http';
import { clearCookie, SESSION_COOKIE } from './cookies';
import type { SessionError } from './session-errors';

function documentOf(error: SessionError) {
  const body = problem(error.status, error.detail, error.login ? { login: error.login } : {});
  const headers: Record<string, string> = {};
  // A session that has ended takes its cookie with it.
  if (error.status === 401) headers['set-cookie'] = clearCookie(SESSION_COOKIE);
  if (error.retryAfterSec !== undefined) headers['retry-after'] = String(error.retryAfterSec);
  return Object.keys(headers).length ? withResponseHeaders(body, headers) : body;
}

/** The error as Nest's exception, for the authenticator's callers (guards, declared routes) to render. */
export function toHttpException(error: SessionError): HttpException {
  return new HttpException(documentOf(error), error.status);
}

/** The error as a problem+json reply, for the `/bff/*` routes. */
export function sendSessionProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: SessionError,
): FastifyReply {
  const body = {
    ...documentOf(error),
    instance: (request.raw.url ?? '/').split('?')[0],
    requestId: request.id,
  };
  if (error.status === 401) reply.header('set-cookie', clearCookie(SESSION_COOKIE));
  if (error.retryAfterSec !== undefined) reply.header('retry-after', String(error.retryAfterSec));
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(body));
}
