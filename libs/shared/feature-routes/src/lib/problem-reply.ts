import { HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  isProblemDetails,
  problem,
  PROBLEM_CONTENT_TYPE,
  responseHeadersOf,
  type ProblemDetails,
} from '@concierge/shared/util-http';

/**
 * Sends problem+json exactly as the gateway core's filter does (`instance` = the path, `requestId`).
 * Routes on the Fastify instance render errors themselves: the hot path never throws into Nest.
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  body: ProblemDetails,
  headers: Record<string, string> = {},
): FastifyReply {
  const url = request.raw.url ?? '/';
  const query = url.indexOf('?');
  const document = {
    ...body,
    instance: body.instance ?? (query === -1 ? url : url.slice(0, query)),
    requestId: request.id,
  };
  return reply
    .code(body.status)
    .headers(headers)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(document));
}

/**
 * An error met while serving a route as problem+json: an `HttpException` (from the auth or rate-limit
 * libraries) with its status, document and attached headers; anything else as an opaque 500.
 */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const headers = responseHeadersOf(response) ?? {};
    const body = isProblemDetails(response)
      ? response
      : problem(error.getStatus(), typeof response === 'string' ? response : error.message);
    return sendProblem(request, reply, body, headers);
  }
  request.log.error({ err: error }, 'declared route failed');
  return sendProblem(request, reply, problem(500, 'Something went wrong on our side; it has been logged.'));
}
