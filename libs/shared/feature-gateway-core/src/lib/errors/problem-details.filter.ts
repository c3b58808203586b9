import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem as problemOf } from '@concierge/shared/util-http';
import { allowedMethodsFor } from './route-methods';
import { toProblem, type ProblemResponse } from './to-problem';

/**
 * The one place where an error becomes a response: RFC 9457 problem+json with the request id, never a
 * stack trace. Only unexpected errors are logged with their stack; client errors are routine.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { problem, headers, unexpected } = methodNotAllowed(exception, request) ?? toProblem(exception);
    // Through the request's logger, which carries its id.
    if (unexpected)
      request.log.error(
        { context: ProblemDetailsFilter.name, err: exception },
        exception instanceof Error ? exception.message : String(exception),
      );
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    const body = {
      ...problem,
      instance: problem.instance ?? request.url.split('?')[0],
      requestId: request.id,
    };
    reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body);
  }
}

/**
 * A path the gateway serves, asked with a method it does not serve there: 405 with `Allow` (RFC 9110
 * §15.5.6), whether the path belongs to a controller or a declared route. Nest answers every routing miss
 * with a `NotFoundException`; a handler's own 404 (no such product) is asked with a method it serves.
 */
function methodNotAllowed(exception: unknown, request: FastifyRequest): ProblemResponse | undefined {
  if (!(exception instanceof NotFoundException)) return undefined;
  const allowed = allowedMethodsFor(request);
  if (allowed.length === 0 || allowed.includes(request.method)) return undefined;
  const allow = allowed.join(', ');
  return {
    problem: problemOf(405, `${request.method} is not allowed here; this path accepts ${allow}.`, {
      type: 'method-not-allowed',
    }),
    headers: { allow },
    unexpected: false,
  };
}
