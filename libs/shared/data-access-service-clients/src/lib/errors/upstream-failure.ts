import { AxiosError, isCancel } from 'axios';
import { UpstreamStatusError } from '../transport/upstream-exchange';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  IsolatedCircuitError,
  TaskCancelledError,
} from 'cockatiel';

/**
 * Why an upstream call failed, in words the aggregation, logs and metrics share:
 * - `timeout`: no answer within the call's deadline (→ 504)
 * - `connection-failed`: refused, reset, unreachable (→ 503)
 * - `circuit-open`: the breaker fails fast without calling (→ 503 with `Retry-After`)
 * - `bulkhead-full`: too many calls in flight and queued (→ 503)
 * - `bad-gateway`: the service answered 5xx or something unusable (→ 502)
 * - `upstream-status`: the service answered 4xx, passed on as it is
 * - `cancelled`: nobody waits for the answer any more (the caller unsubscribed)
 */
export type UpstreamFailureCode =
  | 'timeout'
  | 'connection-failed'
  | 'circuit-open'
  | 'bulkhead-full'
  | 'bad-gateway'
  | 'upstream-status'
  | 'cancelled';

/** The call's deadline passed (its own timeout or what remained of the request's). */
export class DeadlineExceededError extends Error {
  constructor() {
    super('upstream call deadline exceeded');
    this.name = 'DeadlineExceededError';
  }
}

/** The caller stopped waiting (unsubscribed) before the call ended. */
export class CallCancelledError extends Error {
  constructor() {
    super('upstream call cancelled');
    this.name = 'CallCancelledError';
  }
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const RETRYABLE_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TIMEOUT_CODES = new Set([
  'ECONNABORTED',
  'ETIMEDOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/** The upstream's answer, when the failure is an answer rather than a transport error. */
export function upstreamResponseOf(error: unknown): { status: number; data: unknown } | undefined {
  if (error instanceof UpstreamStatusError) return error.response;
  return error instanceof AxiosError ? error.response : undefined;
}

/** The upstream's HTTP status, when the failure is an answer rather than a transport error. */
export function upstreamStatusOf(error: unknown): number | undefined {
  return upstreamResponseOf(error)?.status;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return code;
  const causeCode = (error as { cause?: { code?: unknown } })?.cause?.code;
  return typeof causeCode === 'string' ? causeCode : undefined;
}

/** Classifies any error an upstream call can end with. */
export function failureCodeOf(error: unknown): UpstreamFailureCode {
  if (error instanceof DeadlineExceededError) return 'timeout';
  if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) return 'circuit-open';
  if (error instanceof BulkheadRejectedError) return 'bulkhead-full';
  if (error instanceof CallCancelledError || error instanceof TaskCancelledError || isCancel(error))
    return 'cancelled';
  const status = upstreamStatusOf(error);
  if (status !== undefined) return status >= 500 ? 'bad-gateway' : 'upstream-status';
  const code = codeOf(error);
  if (code && TIMEOUT_CODES.has(code)) return 'timeout';
  if (code && CONNECTION_CODES.has(code)) return 'connection-failed';
  return 'bad-gateway';
}

/** Worth another attempt (for an idempotent call): connect/reset errors and 502/503/504. */
export function isRetryable(error: unknown): boolean {
  const status = upstreamStatusOf(error);
  if (status !== undefined) return RETRYABLE_STATUSES.has(status);
  const code = codeOf(error);
  return !!code && RETRYABLE_CONNECTION_CODES.has(code);
}

/** Counts against the breaker: the service is sick (5xx, timeout, unreachable), not the request (4xx). */
export function isBreakerFailure(error: unknown): boolean {
  const code = failureCodeOf(error);
  return code === 'bad-gateway' || code === 'timeout' || code === 'connection-failed';
}
