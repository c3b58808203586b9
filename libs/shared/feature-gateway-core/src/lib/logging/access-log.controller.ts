import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * Fastify writes two lines per request by default ("incoming", "completed"); an access log needs one,
 * written when the answer is known, with what an operator greps for.
 */
export class AccessLogController extends LogController {
  override incomingRequest(): void {
    // Folded into the completion line.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
