import type { JSONSchemaType } from 'ajv';

/** One plan as written: `rate` like `5/1s,burst=10`, `quota` like `1000/day` or `30000/month`. */
export interface PlanDocument {
  rate: string;
  quota: string;
}

/** An operation marked deprecated: RFC 9745 `Deprecation`, RFC 8594 `Sunset`, and a `Link` to read about it. */
export interface DeprecationDocument {
  deprecation: string;
  sunset?: string;
  link?: string;
}

/** The partner API's own configuration document. */
export interface PartnerConfigDocument {
  plans: Record<string, PlanDocument>;
  deprecations?: Record<string, DeprecationDocument>;
}

const dateTime = { type: 'string', format: 'date-time' } as const;

/** The JSON Schema of the document; the types above are checked against it by `JSONSchemaType`. */
export const partnerConfigSchema: JSONSchemaType<PartnerConfigDocument> = {
  type: 'object',
  additionalProperties: false,
  required: ['plans'],
  properties: {
    plans: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[a-z][a-z0-9-]{0,31}$' },
      required: [],
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['rate', 'quota'],
        properties: {
          rate: { type: 'string', minLength: 1 },
          quota: { type: 'string', pattern: '^\\s*[1-9][0-9]{0,11}\\s*/\\s*(day|month)\\s*$' },
        },
      },
    },
    deprecations: {
      type: 'object',
      nullable: true,
      propertyNames: { pattern: '^(GET|POST|PUT|PATCH|DELETE) /v1/\\S*$' },
      required: [],
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['deprecation'],
        properties: {
          deprecation: dateTime,
          sunset: { ...dateTime, nullable: true },
          link: { type: 'string', format: 'uri', nullable: true },
        },
      },
    },
  },
};
