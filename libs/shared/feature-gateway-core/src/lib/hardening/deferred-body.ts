import type { Readable } from 'node:stream';
import { HttpException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problem, withResponseHeaders } from '@concierge/shared/util-http';

/** Turns the raw bytes of a body into the value a handler gets (the hardened JSON or form parser). */
export type BodyParser = (
  request: FastifyRequest,
  body: Buffer,
  done: (error: Error | null, value?: unknown) => void,
) => void;

const PENDING_BODY = Symbol('pendingBody');

interface PendingBody {
  stream: Readable;
  parse: BodyParser;
  /** Set once a reader has started: the body is consumed (or being consumed) by then. */
  started: boolean;
}

type WithPendingBody = FastifyRequest & { [PENDING_BODY]?: PendingBody };

/**
 * The bytes of request bodies held in memory at once, across all requests: a flood of large bodies from
 * authenticated callers is refused (503, Retry-After) instead of growing the heap past the container's limit.
 */
export class BodyBudget {
  private used = 0;

  constructor(readonly maxBytes: number) {}

  /** Takes `bytes` from the budget; false (nothing taken) when they do not fit. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.maxBytes) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}

/** Routes registered straight on Fastify read small bodies at once, outside the controllers' budget. */
const UNBUDGETED = new BodyBudget(Number.MAX_SAFE_INTEGER);

const tooLarge = () =>
  new HttpException(problem(413, 'The request body is larger than this route accepts.'), 413);
const lengthMismatch = () => new HttpException(problem(400, 'Content-Length does not match the body.'), 400);
const busy = () =>
  new HttpException(
    withResponseHeaders(
      problem(503, 'The gateway is receiving too many request bodies at once; try again shortly.', {
        type: 'body-budget-exhausted',
      }),
      {
        'retry-after': '1',
      },
    ),
    503,
  );

/** Reads `stream` whole, within `limit` and the shared budget; what it took is given back once parsed. */
function readWithin(
  stream: Readable,
  limit: number,
  announced: number,
  budget: BodyBudget,
): Promise<{ body: Buffer; reserved: number }> {
  return new Promise((resolve, reject) => {
    // A declared length is reserved at once; a chunked body reserves as it arrives.
    let reserved = Number.isNaN(announced) ? 0 : announced;
    if (reserved > 0 && !budget.take(reserved)) {
      reject(busy());
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const fail = (error: Error) => {
      cleanup();
      budget.give(reserved);
      stream.resume();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) return fail(tooLarge());
      if (received > reserved) {
        if (!budget.take(received - reserved)) return fail(busy());
        reserved = received;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      if (!Number.isNaN(announced) && received !== announced) {
        budget.give(reserved);
        reject(lengthMismatch());
        return;
      }
      resolve({ body: Buffer.concat(chunks, received), reserved });
    };
    const onError = (error: Error) => fail(Object.assign(error, { statusCode: 400 }));
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

/**
 * A body parser that reads nothing yet: the body waits, unread, until `readPendingBody` asks for it, after
 * the guards have run. A client without valid credentials is refused on its headers, and the body it sent
 * stays in the kernel's socket buffer instead of the gateway's heap (400 stalled 1 MB uploads to a
 * protected route took RSS from 143 to 544 MB when bodies were read first). A Content-Length above the
 * route's limit is refused at once, before anything else.
 */
function deferredParser(parse: BodyParser) {
  return (
    request: FastifyRequest,
    payload: Readable,
    done: (error: Error | null, value?: unknown) => void,
  ): void => {
    (request as WithPendingBody)[PENDING_BODY] = { stream: payload, parse, started: false };
    if (Number(request.headers['content-length']) > request.routeOptions.bodyLimit) done(tooLarge());
    else if (
      (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[DEFER_BODY] === true
    )
      done(null, undefined);
    // A route registered straight on Fastify has no interceptor to read its body later: read it now.
    else
      readPendingBody(request, UNBUDGETED).then(
        () => done(null, request.body),
        (error: Error) => done(error),
      );
  };
}

/** Set on the routes whose body `ReadBodyInterceptor` reads: the controllers' (see `deferControllerBodies`). */
const DEFER_BODY = 'deferBody';
let registeringController = false;

/**
 * Marks the routes Nest registers for controllers, which pass through guards and `ReadBodyInterceptor`:
 * only their bodies wait for the guards. (Nest registers each through the adapter's `injectRouteOptions`,
 * synchronously, so Fastify's `onRoute` hook sees the flag.)
 */
export function deferControllerBodies(adapter: object): void {
  const target = adapter as { injectRouteOptions?: (...args: unknown[]) => unknown };
  const inject = target.injectRouteOptions;
  if (typeof inject !== 'function') return;
  target.injectRouteOptions = function (this: unknown, ...args: unknown[]) {
    registeringController = true;
    try {
      return inject.apply(this, args);
    } finally {
      registeringController = false;
    }
  };
}

/** True when the request has a deferred body no one has started to read yet. */
export function hasPendingBody(request: FastifyRequest): boolean {
  const pending = (request as WithPendingBody)[PENDING_BODY];
  return pending !== undefined && !pending.started;
}

/**
 * Reads and parses the deferred body onto `request.body` (once; later calls resolve at once). Rejects with
 * an `HttpException` carrying the problem: 413 past the route's limit, 400 for a length mismatch or bad
 * content, 503 when the gateway-wide budget for bodies in memory is spent.
 */
export async function readPendingBody(request: FastifyRequest, budget: BodyBudget): Promise<void> {
  const pending = (request as WithPendingBody)[PENDING_BODY];
  if (!pending || pending.started) return;
  pending.started = true;
  const { body, reserved } = await readWithin(
    pending.stream,
    request.routeOptions.bodyLimit,
    Number(request.headers['content-length']),
    budget,
  );
  try {
    request.body = await new Promise<unknown>((resolve, reject) =>
      pending.parse(request, body, (error, value) => (error ? reject(error) : resolve(value))),
    );
  } finally {
    // Parsed values live as long as the request; the raw bytes are what a flood would pile up.
    budget.give(reserved);
  }
}

/**
 * Registers `parsers` so that bodies are read only after authentication. A refusal given before the body
 * was read leaves it to Node, which reads and drops what the client still sends (Content-Length is within
 * the route's limit) and keeps the connection: closing a socket with unread bytes resets it, and
 * the reset can destroy the very answer the client was sent. A chunked body, or one announced past the
 * limit, has no such bound: its connection is closed.
 */
export function installDeferredBodies(fastify: FastifyInstance, parsers: Record<string, BodyParser>): void {
  // Fastify's own parsers (JSON, text) would read before any guard ran; only these remain.
  fastify.removeAllContentTypeParsers();
  for (const [type, parse] of Object.entries(parsers))
    fastify.addContentTypeParser(type, deferredParser(parse));
  fastify.addHook('onRoute', (route) => {
    if (registeringController)
      route.config = { ...(route.config ?? {}), [DEFER_BODY]: true } as typeof route.config;
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const announced = Number(request.headers['content-length']);
    const boundedRest = announced <= request.routeOptions.bodyLimit;
    if ((request as WithPendingBody)[PENDING_BODY] !== undefined && !request.raw.complete && !boundedRest)
      reply.header('connection', 'close');
    done(null, payload);
  });
}
