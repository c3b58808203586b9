const id = { type: 'string', pattern: '^[a-z][a-z0-9-]{1,63}$' } as const;
const plan = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,31}$' } as const;
const status = { enum: ['active', 'suspended'] } as const;
const scopes = {
  type: 'array',
  maxItems: 16,
  items: { type: 'string', pattern: '^[a-z]+:[a-z]+$' },
} as const;

export const createAppSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'plan'],
  properties: { id, name: { type: 'string', minLength: 1, maxLength: 100 }, plan, status, scopes },
} as const;

export const updateAppSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, plan, status },
} as const;

export const verifyConsumerKeySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key'],
  properties: { key: { type: 'string', minLength: 1, maxLength: 512 } },
} as const;
