import type { FastifyInstance } from 'fastify';

/**
 * Once the server starts closing, every response says `Connection: close`.
 *
 * Why: Fastify closes the keep-alive connections that are idle when it starts closing, but a connection
 * whose request was still in flight becomes idle only afterwards and is then left open until the client
 * drops it (72 s keep-alive here), so `server.close()` — and the graceful shutdown — waits for the forced
 * exit. With this header the client hangs up as soon as its answer is sent.
 * Belongs in the gateway core (it applies to every gateway); here until it moves there.
 */
export function closeConnectionsOnDrain(fastify: FastifyInstance): void {
  let draining = false;
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) reply.header('connection', 'close');
    done(null, payload);
  });
}
