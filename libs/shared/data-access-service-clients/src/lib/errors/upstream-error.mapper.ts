import { STATUS_CODES } from 'node:http';
import { ProblemDetails, isProblemDetails, problem, withResponseHeaders } from '@concierge/shared/util-http';
import { UpstreamFailureCode, failureCodeOf, upstreamResponseOf, upstreamStatusOf } from './upstream-failure';
import { UpstreamException } from './upstream.exception';

/** What the mapper needs to know about the upstream beyond the error. */
export interface UpstreamErrorContext {
  service: string;
  /** Seconds until an open breaker lets a probe through, for `Retry-After`. */
  retryAfterSeconds?: () => number;
}

/**
 * Maps any failure of an upstream call to the one exception the gateway throws for it:
 * timeout → 504, refused / breaker open / bulkhead full → 503 (breaker: with `Retry-After`), service 5xx
 * → 502, service 4xx → the same status with the service's problem body when it sent one. The detail names
 * the service and nothing else: no URL, no stack, no 5xx body.
 */
export function mapUpstreamError(error: unknown, context: UpstreamErrorContext): UpstreamException {
  if (error instanceof UpstreamException) return error;
  const code = failureCodeOf(error);
  const upstreamStatus = upstreamStatusOf(error);
  const failure = { code, service: context.service, upstreamStatus, error };
  return new UpstreamException(problemFor(code, context, error, upstreamStatus), failure);
}

function problemFor(
  code: UpstreamFailureCode,
  { service, retryAfterSeconds }: UpstreamErrorContext,
  error: unknown,
  upstreamStatus: number | undefined,
): ProblemDetails {
  switch (code) {
    case 'timeout':
      return problem(504, `The ${service} service did not answer in time.`, { type: 'upstream-timeout' });
    case 'connection-failed':
      return problem(503, `The ${service} service is unavailable.`, { type: 'upstream-unavailable' });
    case 'circuit-open':
      return withResponseHeaders(
        problem(503, `The ${service} service is unavailable; calls to it are paused.`, {
          type: 'upstream-circuit-open',
        }),
        { 'Retry-After': String(retryAfterSeconds?.() ?? 1) },
      );
    case 'bulkhead-full':
      return problem(503, `Too many calls to the ${service} service are in progress.`, {
        type: 'upstream-overloaded',
      });
    case 'cancelled':
      return problem(503, `The call to the ${service} service was cancelled.`, {
        type: 'upstream-cancelled',
      });
    case 'upstream-status':
      return passThroughProblem(service, upstreamStatus ?? 502, upstreamResponseOf(error)?.data);
    case 'bad-gateway':
    default:
      return problem(502, `The ${service} service failed.`, { type: 'upstream-error' });
  }
}

/**
 * A service's 4xx *answer* (from a call that hands 4xx back rather than failing, like
 * `UpstreamClient.request`) as the same exception a failed typed call throws.
 */
export function refusalOf(service: string, status: number, body: unknown): UpstreamException {
  return new UpstreamException(passThroughProblem(service, status, body), {
    code: 'upstream-status',
    service,
    upstreamStatus: status,
  });
}

/**
 * The one rendering of a service's error answer, for controllers and declared routes alike: its status
 * and, when it is one, the service's problem body minus what names the service's side (`instance`, its
 * request id, a stack) — the gateway adds the client's own path and request id when it sends it.
 */
export function passThroughProblem(service: string, status: number, body: unknown): ProblemDetails {
  if (isProblemDetails(body)) {
    const { instance: _instance, stack: _stack, requestId: _requestId, ...rest } = body;
    return { ...rest, status };
  }
  return problem(
    status,
    `The ${service} service answered ${status} ${STATUS_CODES[status] ?? ''}.`.replace(' .', '.'),
  );
}
