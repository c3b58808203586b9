import type { FastifyInstance, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { isLowerCaseIdentityHeader, saneTraceparent } from '@concierge/shared/util-http';
import {
  attachRequestContext,
  readsContextFromRequest,
  requestContextOf,
  runWithRequestContext,
} from '@concierge/shared/util-request-context';

/**
 * Per-request plumbing that must run before anything else sees the request:
 * - identity headers a client sent are dropped, so no one can claim to be someone else upstream;
 * - the request id (sanitised in `genReqId`) is echoed on every response, errors included;
 * - a request context is opened and kept on the request (`requestContextOf`).
 *
 * Routes served by NestJS also get it in AsyncLocalStorage, entered in `preValidation`, after the body was
 * read, because the body parser's stream callbacks would otherwise lose the async context. Whether a route
 * needs that is decided once, as it is registered: a route whose config is `CONTEXT_FROM_REQUEST` (the
 * declared routes) reads the context from the request and pays nothing for AsyncLocalStorage.
 */
export function installRequestContextHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    // Node's parsed header names are lower-case; no list of names is made for a request that claims none.
    for (const name in request.headers) {
      if (isLowerCaseIdentityHeader(name)) delete request.headers[name];
    }
    reply.header('x-request-id', request.id);
    const tracestate = request.headers['tracestate'];
    attachRequestContext(request, {
      requestId: request.id,
      traceparent: saneTraceparent(request.headers['traceparent']),
      tracestate: typeof tracestate === 'string' && tracestate.length <= 512 ? tracestate : undefined,
      identity: {},
    });
    done();
  });
  fastify.addHook('onRoute', (route) => {
    if (readsContextFromRequest(route.config)) return;
    const hooks = route.preValidation;
    route.preValidation = [
      ...(hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]),
      enterAsyncContext,
    ];
  });
}

function enterAsyncContext(request: FastifyRequest, _reply: unknown, done: HookHandlerDoneFunction): void {
  const context = requestContextOf(request);
  if (context) runWithRequestContext(context, done);
  else done();
}
