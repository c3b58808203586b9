import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendProblem, sendValidationProblem } from '../common/problem.reply';
import { ChaosState, parseChaosSettings } from './chaos-state';

export interface ChaosPluginOptions {
  /** Named in 503 details so a test reading a gateway's problem can tell which service failed. */
  service: string;
  state?: ChaosState;
}

const CHAOS_PREFIX = '/__chaos';

function isChaosCall(request: FastifyRequest): boolean {
  const url = request.routeOptions.url;
  return url !== undefined && url.startsWith(CHAOS_PREFIX);
}

/**
 * docs/architecture.md's fault injection, shared by every demo service: `PUT|DELETE /__chaos`, `GET|DELETE
 * /__chaos/stats`, and an `onRequest` hook that counts each API call and then applies latency, `down` and
 * `errorRate` before the route runs. /__chaos itself is never counted nor affected, so a test can always
 * switch a broken service back on.
 */
const chaos: FastifyPluginAsync<ChaosPluginOptions> = async (app: FastifyInstance, options) => {
  const state = options.state ?? new ChaosState();

  app.addHook('onRequest', async (request, reply) => {
    if (isChaosCall(request)) return;
    const routeUrl = request.routeOptions.url;
    state.record(`${request.method} ${routeUrl ?? '(unmatched)'}`, {
      method: request.method,
      url: request.url,
      headers: { ...request.headers },
    });
    const decision = state.decide();
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.reject === 'down') {
      return sendProblem(request, reply, 503, `${options.service} is down (fault injection)`, {
        type: 'service-down',
      });
    }
    if (decision.reject === 'error-rate') {
      return sendProblem(request, reply, 503, `${options.service} failed this call (fault injection)`, {
        type: 'injected-failure',
      });
    }
  });

  app.put(CHAOS_PREFIX, async (request, reply) => {
    const parsed = parseChaosSettings(request.body);
    if ('errors' in parsed) return sendValidationProblem(request, reply, parsed.errors);
    return state.update(parsed.settings);
  });
  app.get(CHAOS_PREFIX, async () => state.settings);
  app.delete(CHAOS_PREFIX, async () => state.reset());
  app.get(`${CHAOS_PREFIX}/stats`, async () => state.stats());
  app.delete(`${CHAOS_PREFIX}/stats`, async (_request, reply) => {
    state.resetStats();
    return reply.code(204).send();
  });
};

// What fastify-plugin does: without this flag the hook would be encapsulated and miss the service's routes.
(chaos as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const chaosPlugin = chaos;
