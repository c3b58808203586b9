import type { Device, DeviceCommand, TelemetryBatch } from '@concierge/shared/util-contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../common/problem.reply';
import { parseIntParam } from '../common/query';
import type { CommandsStore } from './commands.store';
import { mayAccess } from './device-access';
import type { DeviceKeyStore } from './device-keys.store';
import { createCommandSchema, telemetryBatchSchema, verifyKeySchema } from './device.schemas';
import type { TelemetryStore } from './telemetry.store';

export interface DevicesDeps {
  devices: readonly Device[];
  telemetry: TelemetryStore;
  commands: CommandsStore;
  keys: DeviceKeyStore;
}

type DeviceParams = { Params: { id: string } };

export async function devicesRoutes(app: FastifyInstance, deps: DevicesDeps): Promise<void> {
  const byId = new Map(deps.devices.map((d) => [d.id, d]));

  /** The device of `:id` if this caller may see it; otherwise a 404 has been sent. */
  function deviceFor(request: FastifyRequest<DeviceParams>, reply: FastifyReply): Device | undefined {
    const device = byId.get(request.params.id);
    if (device && mayAccess(request, device)) return device;
    sendProblem(request, reply, 404, `No device ${request.params.id}`);
    return undefined;
  }

  app.get<DeviceParams>('/devices/:id', async (request, reply) => deviceFor(request, reply) ?? reply);

  app.get<DeviceParams>(
    '/devices/:id/config',
    async (request, reply) => deviceFor(request, reply)?.config ?? reply,
  );

  app.post<DeviceParams & { Body: TelemetryBatch }>(
    '/devices/:id/telemetry',
    { schema: { body: telemetryBatchSchema } },
    async (request, reply) => {
      const device = deviceFor(request, reply);
      return device ? deps.telemetry.ingest(device.id, request.body.readings) : reply;
    },
  );

  app.get<DeviceParams & { Querystring: { limit?: string } }>(
    '/devices/:id/telemetry',
    async (request, reply) => {
      const device = deviceFor(request, reply);
      if (!device) return reply;
      const limit = parseIntParam(request.query.limit, 100, 1, 10_000);
      if (limit === null)
        return sendProblem(request, reply, 400, 'limit: must be an integer from 1 to 10000', {
          type: 'validation-failed',
        });
      return { deviceId: device.id, ...deps.telemetry.list(device.id, limit) };
    },
  );

  app.get<DeviceParams & { Querystring: { pending?: string } }>(
    '/devices/:id/commands',
    async (request, reply) => {
      const device = deviceFor(request, reply);
      return device ? deps.commands.list(device.id, request.query.pending === 'true') : reply;
    },
  );

  app.post<DeviceParams & { Body: Pick<DeviceCommand, 'name'> & { args?: Record<string, unknown> } }>(
    '/devices/:id/commands',
    { schema: { body: createCommandSchema } },
    async (request, reply) => {
      const device = deviceFor(request, reply);
      if (!device) return reply;
      const command = deps.commands.create(device.id, request.body.name, request.body.args ?? {});
      return reply.code(201).header('location', `/devices/${device.id}/commands/${command.id}`).send(command);
    },
  );

  app.post<{ Params: { id: string; commandId: string } }>(
    '/devices/:id/commands/:commandId/ack',
    async (request, reply) => {
      const device = deviceFor(request, reply);
      if (!device) return reply;
      const command = deps.commands.acknowledge(device.id, request.params.commandId);
      return (
        command ?? sendProblem(request, reply, 404, `No command ${request.params.commandId} for ${device.id}`)
      );
    },
  );

  // Answers never carry key material, and are not cached: a revoked key must stop working.
  app.post<{ Body: { key: string } }>(
    '/device-keys/verify',
    { schema: { body: verifyKeySchema } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return deps.keys.verify(request.body.key);
    },
  );

  app.post<DeviceParams>('/devices/:id/keys', async (request, reply) => {
    const device = deviceFor(request, reply);
    if (!device) return reply;
    return reply.code(201).header('cache-control', 'no-store').send(deps.keys.issue(device.id));
  });

  app.delete<{ Params: { id: string; keyId: string } }>(
    '/devices/:id/keys/:keyId',
    async (request, reply) => {
      const device = deviceFor(request, reply);
      if (!device) return reply;
      if (!deps.keys.revoke(device.id, request.params.keyId)) {
        return sendProblem(request, reply, 404, `No key ${request.params.keyId} for ${device.id}`);
      }
      return reply.code(204).send();
    },
  );
}
