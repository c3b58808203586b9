import type { FastifyReply, FastifyRequest } from 'fastify';

const READS = new Set(['GET', 'HEAD']);

/**
 * Runs after `@fastify/etag`, which tags every string body: a validator only means something on a
 * successful read, so writes and errors lose it (a client must never revalidate a 4xx into a 304). Reads
 * say `Vary: accept-encoding` whether or not this body was compressed — a bigger one at the same URL
 * would be — and a 304 carries it as the 200 would have (RFC 9110 §15.4.5). A read that says nothing
 * about caching is the caller's own (every API route needs a token): the phone may keep it but must
 * revalidate (`private, no-cache`), which is what makes the ETag pay; no shared cache may keep it.
 */
export function keepValidatorsOnReads(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: null, payload?: unknown) => void,
): void {
  const status = reply.statusCode;
  const successfulRead = READS.has(request.method) && ((status >= 200 && status < 300) || status === 304);
  if (!successfulRead) {
    reply.removeHeader('etag');
  } else {
    addVary(reply, 'accept-encoding');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-cache');
  }
  done(null, payload);
}

// Lower case, as @fastify/compress looks for it, so it does not add a second one.
function addVary(reply: FastifyReply, name: string): void {
  const current = reply.getHeader('vary');
  const values = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.includes('*') || values.some((value) => value.toLowerCase() === name)) return;
  reply.header('vary', [...values, name].join(', '));
}
