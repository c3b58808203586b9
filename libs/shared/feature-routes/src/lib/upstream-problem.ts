import { passThroughProblem } from '@concierge/shared/data-access-service-clients';
import type { ProblemDetails } from '@concierge/shared/util-http';

const PROBLEM_TYPE = /^application\/problem\+json\s*(?:;|$)/i;

/** A problem document is small; one larger than this is not read, and the gateway's own is sent instead. */
export const MAX_UPSTREAM_PROBLEM_BYTES = 64 * 1024;

/** Whether an upstream answer is an error in problem+json, which names the upstream's own paths. */
export function isUpstreamProblem(status: number, headers: Record<string, unknown>): boolean {
  return status >= 400 && PROBLEM_TYPE.test(String(headers['content-type'] ?? ''));
}

/**
 * The upstream's problem as the client's own: its type, title, detail and extensions kept, its
 * `instance` (the internal path, e.g. `/products/x` behind `/api/catalog/products/x`), `requestId` and
 * any stack dropped — `sendProblem` puts in the client's path and request id. Unreadable (encoded, not
 * JSON, not a problem) → the gateway's own problem for that status.
 */
export function clientProblemOf(
  payload: Buffer,
  encoding: unknown,
  status: number,
  service: string,
): ProblemDetails {
  let document: unknown;
  if (!encoding || encoding === 'identity') {
    try {
      document = JSON.parse(payload.toString('utf8'));
    } catch {
      // not JSON: the gateway's own words
    }
  }
  // The same rendering the service clients give a controller for the same answer.
  return passThroughProblem(service, status, document);
}
