/**
 * The JSON Schema of a routes file. Shape only (`additionalProperties: false` everywhere); what needs
 * context — known services and scopes, URLs, path syntax, shadowing — is checked by the loader with
 * messages that name the entry.
 */
// `100/60s`, `100/60s,burst=20`, or named and combined: `burst:20/1s;sustained:600/60s`.
const policy = '([A-Za-z0-9_.-]+:)?[1-9][0-9]*/[1-9][0-9]*[smhd](,burst=[1-9][0-9]*)?';
const headerName = { type: 'string', pattern: '^[!#$%&\'*+.^_`|~0-9A-Za-z-]+$' };
const headerMap = { type: 'object', additionalProperties: { type: 'string' }, propertyNames: headerName };
const stringList = { type: 'array', items: { type: 'string', minLength: 1 } };
const stringMap = { type: 'object', additionalProperties: { type: 'string', minLength: 1 } };

const scopesRule = {
  type: 'object',
  additionalProperties: false,
  required: ['scopes'],
  properties: { scopes: { type: 'array', items: { type: 'string', minLength: 1 } } },
};

const authObject = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: { user: scopesRule, device: scopesRule },
};

const requestTransforms = {
  type: 'object',
  additionalProperties: false,
  properties: {
    headers: {
      type: 'object',
      additionalProperties: false,
      properties: { set: headerMap, remove: { type: 'array', items: headerName }, rename: headerMap },
    },
    query: {
      type: 'object',
      additionalProperties: false,
      properties: { rename: stringMap, remove: stringList, set: stringMap, allow: stringList },
    },
  },
};

const responseTransforms = {
  type: 'object',
  additionalProperties: false,
  properties: {
    headers: {
      type: 'object',
      additionalProperties: false,
      properties: { set: headerMap, remove: { type: 'array', items: headerName } },
    },
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        target: { type: 'string', minLength: 1 },
        flatten: {
          type: 'object',
          additionalProperties: false,
          required: ['path', 'as'],
          properties: { path: { type: 'string', minLength: 1 }, as: { type: 'string', minLength: 1 } },
        },
        allow: stringList,
        deny: stringList,
        rename: stringMap,
        wrap: { type: 'string', minLength: 1 },
      },
    },
  },
};

export const routesFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['routes'],
  properties: {
    $schema: { type: 'string' },
    routes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['methods', 'path', 'upstream', 'auth'],
        properties: {
          id: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$' },
          summary: { type: 'string' },
          methods: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { enum: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] },
          },
          path: { type: 'string', pattern: '^/' },
          upstream: {
            type: 'object',
            additionalProperties: false,
            properties: {
              service: { type: 'string', minLength: 1 },
              url: { type: 'string', minLength: 1 },
              rewrite: { type: 'string', pattern: '^/' },
            },
          },
          auth: { if: { type: 'string' }, then: { const: 'public' }, else: authObject },
          rateLimit: { type: 'string', pattern: `^(off|default|${policy}(;${policy})*)$` },
          cache: {
            type: 'object',
            additionalProperties: false,
            required: ['enabled'],
            properties: { enabled: { type: 'boolean' }, perPrincipal: { type: 'boolean' } },
          },
          timeoutMs: { type: 'integer', minimum: 1, maximum: 600000 },
          bodyLimitBytes: { type: 'integer', minimum: 0, maximum: 10737418240 },
          transforms: {
            type: 'object',
            additionalProperties: false,
            properties: { request: requestTransforms, response: responseTransforms },
          },
        },
      },
    },
  },
} as const;
