import { HttpException, HttpStatus } from '@nestjs/common';
import {
  isProblemDetails,
  problem,
  responseHeadersOf,
  type ProblemDetails,
} from '@concierge/shared/util-http';

export interface ProblemResponse {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** True when nothing anticipated this error: it is logged with its stack, and hidden from the client. */
  unexpected: boolean;
}

/** Fastify's own client errors, with a detail safe to show (no internals in them). */
const FASTIFY_CLIENT_ERRORS: Record<string, { status: number; detail: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, detail: 'This content type is not accepted here.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, detail: 'The request body is larger than this route accepts.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, detail: 'Content-Length does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, detail: 'A JSON body was announced but none was sent.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, detail: 'The request body is not valid JSON.' },
};

const GATEWAY_STATUSES: Record<number, string> = {
  502: 'An upstream service answered with an error.',
  503: 'An upstream service is unavailable; try again shortly.',
  504: 'An upstream service did not answer in time.',
};

function fromHttpException(exception: HttpException): ProblemResponse {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const headers = responseHeadersOf(response) ?? {};
  if (isProblemDetails(response)) return { problem: response, headers, unexpected: false };
  let detail: string | undefined;
  if (typeof response === 'string') detail = response;
  else if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = (response as { message: unknown }).message;
    detail = Array.isArray(message) ? message.join('; ') : String(message);
  }
  return { problem: problem(status, detail), headers, unexpected: false };
}

/** Every error a gateway can meet, as the problem document the client gets. */
export function toProblem(exception: unknown): ProblemResponse {
  if (exception instanceof HttpException) return fromHttpException(exception);
  const error = exception as { code?: string; statusCode?: number; message?: string } | undefined;
  const known = error?.code ? FASTIFY_CLIENT_ERRORS[error.code] : undefined;
  if (known) return { problem: problem(known.status, known.detail), headers: {}, unexpected: false };
  if (exception instanceof SyntaxError && error?.statusCode === 400) {
    return {
      problem: problem(400, FASTIFY_CLIENT_ERRORS['FST_ERR_CTP_INVALID_JSON_BODY'].detail),
      headers: {},
      unexpected: false,
    };
  }
  const status = error?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's other client errors (framing, URL, headers) carry a short message written for clients.
    return { problem: problem(status, error?.message), headers: {}, unexpected: false };
  }
  // Errors of framework-free libraries say their status without knowing Nest (e.g. an aggregation's
  // deadline passing is a 504); their messages are for logs, not for clients.
  const declared = (exception as { status?: unknown } | undefined)?.status;
  if (typeof declared === 'number' && GATEWAY_STATUSES[declared]) {
    return { problem: problem(declared, GATEWAY_STATUSES[declared]), headers: {}, unexpected: false };
  }
  return {
    problem: problem(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'Something went wrong on our side; it has been logged.',
    ),
    headers: {},
    unexpected: true,
  };
}
