import type { CreateOrderRequest, Order } from '@concierge/shared/util-contracts';
import { IDENTITY_HEADERS } from '@concierge/shared/util-http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, sendValidationProblem } from '../common/problem.reply';
import { headerList, headerValue, parseIntParam } from '../common/query';
import type { IdempotencyStore } from './idempotency.store';
import { IDEMPOTENCY_KEY, createOrderBodySchema, orderFingerprint } from './order-request.schema';
import type { OrdersStore } from './orders.store';

export interface OrdersDeps {
  orders: OrdersStore;
  idempotency: IdempotencyStore<Order>;
}

/** The caller as the gateway vouches for it; the service trusts these headers and nothing else. */
function caller(request: FastifyRequest): { userId?: string; admin: boolean } {
  return {
    userId: headerValue(request.headers[IDENTITY_HEADERS.userId]),
    admin: headerList(request.headers[IDENTITY_HEADERS.roles]).includes('admin'),
  };
}

export async function ordersRoutes(app: FastifyInstance, { orders, idempotency }: OrdersDeps): Promise<void> {
  app.get<{ Querystring: { userId?: string; limit?: string; offset?: string } }>(
    '/orders',
    async (request, reply) => {
      const who = caller(request);
      const userId = request.query.userId || who.userId;
      if (!userId)
        return sendValidationProblem(request, reply, [
          { field: 'querystring/userId', message: 'is required' },
        ]);
      if (who.userId && userId !== who.userId && !who.admin) {
        return sendProblem(request, reply, 403, 'Orders of another user are not visible to this caller');
      }
      const limit = parseIntParam(request.query.limit, 20, 1, 100);
      if (limit === null)
        return sendValidationProblem(request, reply, [
          { field: 'querystring/limit', message: 'must be an integer from 1 to 100' },
        ]);
      const offset = parseIntParam(request.query.offset, 0, 0, 100_000);
      if (offset === null)
        return sendValidationProblem(request, reply, [
          { field: 'querystring/offset', message: 'must be an integer from 0' },
        ]);
      reply.header('cache-control', 'private, no-store');
      return orders.page(userId, offset, limit);
    },
  );

  // Another user's order is a 404, not a 403: its existence is nobody else's business.
  app.get<{ Params: { id: string } }>('/orders/:id', async (request, reply) => {
    const who = caller(request);
    const order = orders.get(request.params.id);
    if (!order || (!who.admin && order.userId !== who.userId)) {
      return sendProblem(request, reply, 404, `No order ${request.params.id}`);
    }
    reply.header('cache-control', 'private, no-store');
    return order;
  });

  app.post<{ Body: CreateOrderRequest }>(
    '/orders',
    { schema: { body: createOrderBodySchema } },
    async (request, reply) => {
      const userId = caller(request).userId ?? request.body.userId;
      if (!userId)
        return sendValidationProblem(request, reply, [
          { field: 'body/userId', message: 'is required without x-user-id' },
        ]);
      const draft = {
        userId,
        items: request.body.items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
      };
      const unknown = orders.unknownItem(draft);
      if (unknown >= 0) {
        return sendValidationProblem(request, reply, [
          {
            field: `body/items/${unknown}/productId`,
            message: `no product ${draft.items[unknown].productId}`,
          },
        ]);
      }

      const key = request.headers['idempotency-key'];
      if (key === undefined) return reply.code(201).send(withLocation(reply, orders.create(draft)));
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
        return sendValidationProblem(request, reply, [
          { field: 'header/idempotency-key', message: 'must be 1-255 visible ASCII characters' },
        ]);
      }
      // Keys are per caller: two users choosing the same key must not see each other's orders.
      const result = await idempotency.run(`${userId}\u0000${key}`, orderFingerprint(draft), () =>
        orders.create(draft),
      );
      if (result.outcome === 'mismatch') {
        return sendProblem(
          request,
          reply,
          422,
          'This Idempotency-Key was already used with a different request body',
          {
            type: 'idempotency-key-reused',
          },
        );
      }
      if (result.outcome === 'replayed') {
        return reply.code(200).header('idempotent-replayed', 'true').send(withLocation(reply, result.value));
      }
      return reply.code(201).send(withLocation(reply, result.value));
    },
  );
}

function withLocation(reply: FastifyReply, order: Order): Order {
  reply.header('location', `/orders/${order.id}`);
  return order;
}
