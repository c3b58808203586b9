import { HttpException } from '@nestjs/common';
import { isProblemDetails, problem } from '@concierge/shared/util-http';

/**
 * A service's 4xx answer to a raw `UpstreamClient.request()` as the exception the gateway throws: same
 * status, the service's problem document when it sent one (minus its `instance`, which names the service's
 * own URL). The typed clients do this themselves; the raw request hands 4xx back as answers.
 */
export function upstreamProblem(service: string, status: number, body: unknown): HttpException {
  if (isProblemDetails(body)) {
    const { instance: _instance, stack: _stack, ...rest } = body;
    return new HttpException({ ...rest, status }, status);
  }
  return new HttpException(problem(status, `The ${service} service answered ${status}.`), status);
}
