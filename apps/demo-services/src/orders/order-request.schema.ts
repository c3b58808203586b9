import { createHash } from 'node:crypto';
import type { NewOrder } from './orders.store';

/** JSON Schema of `CreateOrderRequest`; Fastify's validator names the failing field from it. */
export const createOrderBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    userId: { type: 'string', minLength: 1, maxLength: 64 },
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['productId', 'quantity'],
        properties: {
          productId: { type: 'string', minLength: 1, maxLength: 64 },
          quantity: { type: 'integer', minimum: 1, maximum: 99 },
        },
      },
    },
  },
} as const;

/** RFC 9110 token-ish: visible ASCII, bounded, so keys are safe to log and to use as map keys. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Two requests are "the same" when user and items match exactly, whatever the JSON key order was. */
export function orderFingerprint(order: NewOrder): string {
  const canonical = JSON.stringify([order.userId, order.items.map((i) => [i.productId, i.quantity])]);
  return createHash('sha256').update(canonical).digest('base64url');
}
