import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@concierge/shared/util-http';
import { toProblem } from './to-problem';

/**
 * The one place where an error becomes a response: RFC 9457 problem+json with the request id, never a
 * stack trace. Only unexpected errors are logged with their stack; client errors are routine.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { problem, headers, unexpected } = toProblem(exception);
    if (unexpected) this.logger.error(exception instanceof Error ? exception : String(exception));
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    const body = { ...problem, instance: problem.instance ?? request.url.split('?')[0], requestId: request.id };
    reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body);
  }
}
