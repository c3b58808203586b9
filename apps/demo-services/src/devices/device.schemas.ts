/** JSON Schemas of the devices service's bodies; Fastify's validator names the failing field from them. */
const MAX_READINGS_PER_BATCH = 1000;

export const telemetryBatchSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['readings'],
  properties: {
    readings: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_READINGS_PER_BATCH,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['seq', 'ts', 'metrics'],
        properties: {
          seq: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
          ts: { type: 'string', format: 'date-time' },
          metrics: { type: 'object', maxProperties: 64, additionalProperties: { type: 'number' } },
        },
      },
    },
  },
} as const;

export const createCommandSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
    args: { type: 'object', maxProperties: 32 },
  },
} as const;

export const verifyKeySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key'],
  properties: { key: { type: 'string', minLength: 1, maxLength: 512 } },
} as const;
