import { HttpException } from '@nestjs/common';
import { ProblemDetails } from '@concierge/shared/util-http';
import { UpstreamFailureCode } from './upstream-failure';

/** What failed, for logs, metrics and the aggregation; never sent to the client. */
export interface UpstreamFailure {
  code: UpstreamFailureCode;
  service: string;
  /** The service's HTTP status, when it answered. */
  upstreamStatus?: number;
  /** The original error (transport error, policy error), for logs only. */
  error?: unknown;
}

/**
 * An upstream call failed: a Nest `HttpException` whose response is a problem document (status 502, 503,
 * 504 or the service's own 4xx) and whose `cause` is the {@link UpstreamFailure}. `code` and `service` are
 * there too for quick switches.
 */
export class UpstreamException extends HttpException {
  declare readonly cause: UpstreamFailure;

  constructor(problem: ProblemDetails, failure: UpstreamFailure) {
    super(problem, problem.status, { cause: failure });
    this.name = 'UpstreamException';
  }

  get code(): UpstreamFailureCode {
    return this.cause.code;
  }

  get service(): string {
    return this.cause.service;
  }
}
