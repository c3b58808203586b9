import type { ConsumerApp, ConsumerKeyVerification } from '@concierge/shared/util-contracts';
import { IDENTITY_HEADERS } from '@concierge/shared/util-http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../common/problem.reply';
import { headerList, headerValue } from '../common/query';
import type { ConsumerAppChange, ConsumerAppStore } from './consumer-apps.store';
import type { ConsumerKeyStore } from './consumer-keys.store';
import { createAppSchema, updateAppSchema, verifyConsumerKeySchema } from './consumers.schemas';

export interface ConsumersDeps {
  apps: ConsumerAppStore;
  keys: ConsumerKeyStore;
}

type AppParams = { Params: { id: string } };
type KeyParams = { Params: { id: string; keyId: string } };

/**
 * Defence in depth behind the gateway: an internal call (no identity headers) and an admin may manage
 * every app; a partner app's own credential may only read itself.
 */
function mayRead(request: FastifyRequest, appId: string): boolean {
  return isOperator(request) || headerValue(request.headers[IDENTITY_HEADERS.clientId]) === appId;
}

function isOperator(request: FastifyRequest): boolean {
  const h = request.headers;
  if (headerList(h[IDENTITY_HEADERS.roles]).includes('admin')) return true;
  return !h[IDENTITY_HEADERS.userId] && !h[IDENTITY_HEADERS.clientId] && !h[IDENTITY_HEADERS.deviceId];
}

/** The registry of partner apps, their plans, status and API keys, with its admin API. */
export async function consumersRoutes(app: FastifyInstance, { apps, keys }: ConsumersDeps): Promise<void> {
  // Keys and registry answers are never cached anywhere: a revocation or suspension must take effect.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  function appFor(
    request: FastifyRequest<AppParams>,
    reply: FastifyReply,
    manage: boolean,
  ): ConsumerApp | undefined {
    const found = apps.get(request.params.id);
    const allowed = manage ? isOperator(request) : mayRead(request, request.params.id);
    if (found && allowed) return found;
    sendProblem(request, reply, 404, `No app ${request.params.id}`);
    return undefined;
  }

  app.get('/apps', async (request, reply) =>
    isOperator(request) ? { items: apps.list() } : sendProblem(request, reply, 403, 'Operators only'),
  );

  app.post<{ Body: Omit<ConsumerApp, 'createdAt' | 'status' | 'scopes'> & Partial<ConsumerApp> }>(
    '/apps',
    { schema: { body: createAppSchema } },
    async (request, reply) => {
      if (!isOperator(request)) return sendProblem(request, reply, 403, 'Operators only');
      const {
        id,
        name,
        plan,
        status = 'active',
        scopes = ['catalog:read', 'orders:read', 'orders:write'],
      } = request.body;
      const created = apps.create({ id, name, plan, status, scopes });
      if (!created) return sendProblem(request, reply, 409, `App ${id} exists`);
      return reply.code(201).header('location', `/apps/${id}`).send(created);
    },
  );

  app.get<AppParams>('/apps/:id', async (request, reply) => appFor(request, reply, false) ?? reply);

  app.patch<AppParams & { Body: ConsumerAppChange }>(
    '/apps/:id',
    { schema: { body: updateAppSchema } },
    async (request, reply) => {
      const found = appFor(request, reply, true);
      return found ? apps.update(found.id, request.body) : reply;
    },
  );

  app.get<AppParams>('/apps/:id/keys', async (request, reply) => {
    const found = appFor(request, reply, true);
    return found ? { items: keys.list(found.id) } : reply;
  });

  app.post<AppParams>('/apps/:id/keys', async (request, reply) => {
    const found = appFor(request, reply, true);
    return found ? reply.code(201).send(keys.issue(found.id)) : reply;
  });

  // Rotation issues a second live key; the old one keeps working until it is revoked, so a partner can
  // roll the new key out everywhere first.
  app.post<KeyParams>('/apps/:id/keys/:keyId/rotate', async (request, reply) => {
    const found = appFor(request, reply, true);
    if (!found) return reply;
    if (!keys.has(found.id, request.params.keyId))
      return sendProblem(request, reply, 404, `No key ${request.params.keyId} for ${found.id}`);
    return reply.code(201).send({ ...keys.issue(found.id), replaces: request.params.keyId });
  });

  app.delete<KeyParams>('/apps/:id/keys/:keyId', async (request, reply) => {
    const found = appFor(request, reply, true);
    if (!found) return reply;
    if (!keys.revoke(found.id, request.params.keyId))
      return sendProblem(request, reply, 404, `No live key ${request.params.keyId} for ${found.id}`);
    return reply.code(204).send();
  });

  // Answers never carry key material.
  app.post<{ Body: { key: string } }>(
    '/consumer-keys/verify',
    { schema: { body: verifyConsumerKeySchema } },
    async (request): Promise<ConsumerKeyVerification> => {
      const match = keys.verify(request.body.key);
      const owner = match && apps.get(match.appId);
      return owner ? { valid: true, keyId: match.keyId, app: owner } : { valid: false };
    },
  );
}
