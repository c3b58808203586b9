/**
 * The transport error behind a `@fastify/reply-from` error. reply-from wraps undici's errors in its own
 * (`FST_REPLY_FROM_SERVICE_UNAVAILABLE` around `ECONNREFUSED`, …); the service clients' classifier, the
 * one both kinds of route share, reads the transport's own code, so the wrapper is taken off.
 */
export function transportErrorOf(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return typeof code === 'string' && code.startsWith('FST_REPLY_FROM_') && cause !== undefined
    ? cause
    : error;
}
