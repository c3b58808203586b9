import { STATUS_CODES } from 'node:http';

/** RFC 9457 problem details, with the request id every Concierge error carries. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types live under one URI space so clients can switch on them. */
const TYPE_BASE = 'https://concierge.dev/problems/';

/** A problem document for `status`; `type` is a short slug like `rate-limited` or left to the status. */
export function problem(
  status: number,
  detail?: string,
  extra: Partial<ProblemDetails> & Record<string, unknown> = {},
): ProblemDetails {
  const title = STATUS_CODES[status] ?? 'Error';
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const { type, ...rest } = extra;
  return {
    type: type && !type.includes(':') ? TYPE_BASE + type : (type ?? TYPE_BASE + slug),
    title,
    status,
    ...(detail !== undefined ? { detail } : {}),
    ...rest,
  };
}

/** True when a value already looks like a problem document (e.g. one mapped from an upstream). */
export function isProblemDetails(value: unknown): value is ProblemDetails {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProblemDetails).status === 'number' &&
    typeof (value as ProblemDetails).title === 'string' &&
    typeof (value as ProblemDetails).type === 'string'
  );
}

const RESPONSE_HEADERS = Symbol.for('concierge.problem.response-headers');

/**
 * Attaches response headers to a problem (e.g. `WWW-Authenticate`, `Retry-After`). They travel with the
 * problem through `new HttpException(problem, status)` to the gateway's exception filter, which sets them;
 * being under a symbol, they never appear in the JSON body.
 */
export function withResponseHeaders<T extends ProblemDetails>(target: T, headers: Record<string, string>): T {
  Object.defineProperty(target, RESPONSE_HEADERS, { value: headers, enumerable: false });
  return target;
}

/** The headers attached by `withResponseHeaders`, if any. */
export function responseHeadersOf(value: unknown): Record<string, string> | undefined {
  return typeof value === 'object' && value !== null
    ? ((value as Record<symbol, Record<string, string>>)[RESPONSE_HEADERS] ?? undefined)
    : undefined;
}
