import type { UserProfile } from '@concierge/shared/util-contracts';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../common/problem.reply';
import { parseIdList } from '../common/query';

// Profiles are personal: a shared cache must never store them.
const PRIVATE = 'private, no-cache';

export async function usersRoutes(app: FastifyInstance, users: readonly UserProfile[]): Promise<void> {
  const byId = new Map(users.map((u) => [u.id, u]));

  /** Batch: order preserved, unknown ids omitted. */
  app.get<{ Querystring: { ids?: string } }>('/users', async (request, reply) => {
    const ids = parseIdList(request.query.ids);
    if (!ids)
      return sendProblem(request, reply, 400, 'ids: a comma-separated list of user ids is required', {
        type: 'validation-failed',
      });
    reply.header('cache-control', PRIVATE);
    return ids.flatMap((id) => byId.get(id) ?? []);
  });

  app.get<{ Params: { id: string } }>('/users/:id', async (request, reply) => {
    const user = byId.get(request.params.id);
    if (!user) return sendProblem(request, reply, 404, `No user ${request.params.id}`);
    reply.header('cache-control', PRIVATE);
    return user;
  });
}
