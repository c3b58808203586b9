import type { FastifyInstance } from 'fastify';
import { isLowerCaseIdentityHeader, saneTraceparent } from '@concierge/shared/util-http';
import { attachRequestContext } from '@concierge/shared/util-request-context';

/**
 * Per-request plumbing that must run before anything else sees the request:
 * - identity headers a client sent are dropped, so no one can claim to be someone else upstream;
 * - the request id (sanitised in `genReqId`) is echoed on every response, errors included;
 * - a request context is opened and kept on the request (`requestContextOf`): the auth layer fills its
 *   identity, controllers hand it to their services with `@CallContext()`.
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
}
