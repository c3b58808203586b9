import { PROBLEM_CONTENT_TYPE, problem } from '@concierge/shared/util-http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Sends an RFC 9457 problem carrying the request id and the path it concerns. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail?: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problem(status, detail, { instance: request.url.split('?')[0], requestId: request.id, ...extra }));
}

/** The field a validation error is about, as a JSON pointer-ish path (`items/0/quantity`). */
export interface FieldError {
  field: string;
  message: string;
}

/** A 400 that names the offending field, so a client (or a test) can tell what to fix. */
export function sendValidationProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  errors: FieldError[],
): FastifyReply {
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return sendProblem(request, reply, 400, detail, { type: 'validation-failed', errors });
}
