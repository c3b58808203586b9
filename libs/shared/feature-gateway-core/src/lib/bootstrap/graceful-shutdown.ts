import type { FastifyInstance } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Once the server starts closing, every response says `Connection: close`. Fastify closes the keep-alive
 * connections that are idle when closing starts, but one whose request was still in flight becomes idle
 * only afterwards and would stay open until the client drops it (72 s of keep-alive), holding the
 * shutdown until it is forced. With this header the client hangs up as soon as it has its answer.
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

/**
 * SIGTERM/SIGINT: readiness goes down, the server stops accepting, in-flight requests finish, then the
 * process exits 0 (a clean drain is not a crash to a supervisor) — or 1 once `timeoutMs` has passed,
 * whatever is still running. Only for a real process: tests close their apps themselves.
 */
export function exitOnSignals(app: NestFastifyApplication, timeoutMs: number): void {
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), timeoutMs).unref());
  }
}
