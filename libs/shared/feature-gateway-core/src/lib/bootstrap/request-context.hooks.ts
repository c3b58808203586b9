import type { FastifyInstance } from 'fastify';
import { isLowerCaseIdentityHeader, saneTraceparent } from '@concierge/shared/util-http';
import { runWithRequestContext } from '@concierge/shared/util-request-context';

/**
 * Per-request plumbing that must run before anything else sees the request:
 * - identity headers a client sent are dropped, so no one can claim to be someone else upstream;
 * - the request id (sanitised in `genReqId`) is echoed on every response, errors included;
 * - a request context is opened for everything that follows. It is opened in `preValidation`, after the
 *   body was read, because the body parser's stream callbacks would otherwise lose the async context.
 */
export function installRequestContextHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    // Node's parsed header names are lower-case; no list of names is made for a request that claims none.
    for (const name in request.headers) {
      if (isLowerCaseIdentityHeader(name)) delete request.headers[name];
    }
    reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const tracestate = request.headers['tracestate'];
    runWithRequestContext(
      {
        requestId: request.id,
        traceparent: saneTraceparent(request.headers['traceparent']),
        tracestate: typeof tracestate === 'string' && tracestate.length <= 512 ? tracestate : undefined,
        identity: {},
      },
      done,
    );
  });
}
