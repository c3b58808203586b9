import { problem, type ProblemDetails } from '@concierge/shared/util-http';

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT = new Set(['TimeoutError', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'FST_REPLY_FROM_GATEWAY_TIMEOUT', 'FST_REPLY_FROM_TIMEOUT']);

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') codes.push(e.code);
    if (e instanceof Error && e.name === 'TimeoutError') codes.push('TimeoutError');
    const errors = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(errors)) for (const inner of errors) codes.push(...codesOf(inner));
  }
  return codes;
}

/**
 * What the client is told when the upstream call failed (DESIGN.md, partial failure): unreachable → 503,
 * no answer within the route's deadline → 504, anything else (reset, broken response) → 502. Never the
 * upstream's own words.
 */
export function upstreamFailure(error: unknown, service: string): ProblemDetails {
  const codes = codesOf(error);
  if (codes.some((c) => TIMEOUT.has(c))) return upstreamTimeout(service);
  if (codes.some((c) => REFUSED.has(c)) || codes.includes('FST_REPLY_FROM_SERVICE_UNAVAILABLE')) {
    return problem(503, `The ${service} service is unavailable; try again shortly.`, { type: 'upstream-unavailable' });
  }
  return problem(502, `The ${service} service failed to answer properly.`, { type: 'upstream-failed' });
}

/** The answer to an upstream 5xx: 502, without a word of what the upstream said. */
export function upstreamServerError(service: string): ProblemDetails {
  return problem(502, `The ${service} service failed to answer properly.`, { type: 'upstream-failed' });
}

/** The answer when the upstream did not answer within the route's deadline. */
export function upstreamTimeout(service: string): ProblemDetails {
  return problem(504, `The ${service} service did not answer in time.`, { type: 'upstream-timeout' });
}
