import { METHODS } from 'node:http';
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * The JSON Schema of a routes file, and — derived from it — the TypeScript types of what a file declares
 * (`routes.types.ts`): one source, so a field added here is typed everywhere and a drift cannot compile.
 * Shape only (`additionalProperties: false` everywhere); what needs context — known services and scopes,
 * URLs, path syntax, shadowing — is checked by the loader with messages that name the entry.
 */
// `100/60s`, `100/60s,burst=20`, or named and combined: `burst:20/1s;sustained:600/60s`.
const policy = '([A-Za-z0-9_.-]+:)?[1-9][0-9]*/[1-9][0-9]*[smhd](,burst=[1-9][0-9]*)?';
const strict = { additionalProperties: false } as const;
const headerName = Type.String({ pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" });
const headerMap = Type.Record(Type.String(), Type.String(), {
  propertyNames: { pattern: headerName.pattern },
});
const stringList = Type.Array(Type.String({ minLength: 1 }));
const stringMap = Type.Record(Type.String(), Type.String({ minLength: 1 }));
const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);

/**
 * Methods a route may declare: every method Node's HTTP parser accepts (RFC 9110's and the registered
 * extension methods such as `PURGE`, `PROPFIND` or `QUERY`) but `CONNECT`, which opens a tunnel, not a request.
 */
const ROUTE_METHODS = METHODS.filter((method) => method !== 'CONNECT');

/** A method of {@link ROUTE_METHODS}; a string, since the list is Node's. */
export type HttpMethod = string;

const scopesRule = Type.Object({ scopes: Type.Array(Type.String({ minLength: 1 })) }, strict);

/**
 * `public`, or the kinds of principal the route serves (`user`, `client`, `device`: one or several),
 * each with the scopes it must have, e.g. `{ user: { scopes: [catalog:read] }, client: { scopes: [catalog:read] } }`.
 */
export type RouteAuth = 'public' | Partial<Record<'user' | 'client' | 'device', Static<typeof scopesRule>>>;

// An if/then/else rather than a union: a bad value gets one message, not one per alternative.
const auth = Type.Unsafe<RouteAuth>({
  if: { type: 'string' },
  then: { const: 'public' },
  else: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: { user: scopesRule, client: scopesRule, device: scopesRule },
  },
});

export const headerTransformsSchema = Type.Object(
  { set: optional(headerMap), remove: optional(Type.Array(headerName)), rename: optional(headerMap) },
  strict,
);

const requestTransforms = Type.Object(
  {
    headers: optional(headerTransformsSchema),
    query: optional(
      Type.Object(
        {
          /** Renames query parameters (`{ q: 'search' }`). */
          rename: optional(stringMap),
          remove: optional(stringList),
          set: optional(stringMap),
          /** Only these are passed on (after renaming). */
          allow: optional(stringList),
        },
        strict,
      ),
    ),
  },
  strict,
);

/**
 * JSON body shaping, in this order: `target`, `flatten`, `allow`, `deny`, `rename`, `wrap`. Paths are dot
 * paths; `*` stands for every element of an array (`items.*.price`). A top-level array is shaped element
 * by element.
 */
export const bodyTransformsSchema = Type.Object(
  {
    /** The body becomes the value at this path (KrakenD's `target`). */
    target: optional(Type.String({ minLength: 1 })),
    /** Collects every value at a `*` path into one flat array stored under `as` (KrakenD's flatmap). */
    flatten: optional(
      Type.Object({ path: Type.String({ minLength: 1 }), as: Type.String({ minLength: 1 }) }, strict),
    ),
    allow: optional(stringList),
    deny: optional(stringList),
    /** `{ 'from.path': 'to.path' }` (KrakenD's `mapping`). */
    rename: optional(stringMap),
    /** The body is wrapped under this key (`{ key: body }`). */
    wrap: optional(Type.String({ minLength: 1 })),
  },
  strict,
);

const responseTransforms = Type.Object(
  {
    headers: optional(
      Type.Object({ set: optional(headerMap), remove: optional(Type.Array(headerName)) }, strict),
    ),
    body: optional(bodyTransformsSchema),
  },
  strict,
);

const upstream = Type.Object(
  {
    /** A service the gateway declares (its base URL comes from `<NAME>_SERVICE_URL`). */
    service: optional(Type.String({ minLength: 1 })),
    /** Or an absolute URL. Exactly one of the two. */
    url: optional(Type.String({ minLength: 1 })),
    /** The upstream path, using the route's `:params` and `*`; defaults to the gateway path. */
    rewrite: optional(Type.String({ pattern: '^/' })),
    /**
     * Whether the caller's bearer token goes on to the upstream. Default: yes on `user` routes, no
     * otherwise. Device keys (in any header) and cookies never leave the gateway.
     */
    relayToken: optional(Type.Boolean()),
  },
  strict,
);

/** One declared pass-through route. */
export const routeSchema = Type.Object(
  {
    /** A name for logs, metrics and OpenAPI (`operationId`); defaults to `METHOD path`. */
    id: optional(Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' })),
    summary: optional(Type.String()),
    methods: Type.Array(Type.Unsafe<HttpMethod>({ enum: ROUTE_METHODS }), { minItems: 1, uniqueItems: true }),
    /** The gateway path: static segments, `:param` segments and an optional trailing `*`. */
    path: Type.String({ pattern: '^/' }),
    upstream,
    auth,
    /** A policy such as `100/60s` (or `100/60s,burst=20`), `default` for the gateway's default, or `off`. */
    rateLimit: optional(Type.String({ pattern: `^(off|default|${policy}(;${policy})*)$` })),
    cache: optional(Type.Object({ enabled: Type.Boolean(), perPrincipal: optional(Type.Boolean()) }, strict)),
    timeoutMs: optional(Type.Integer({ minimum: 1, maximum: 600000 })),
    /**
     * An upstream error answer (4xx problem, 5xx): `problem` (default) keeps its status (and `Retry-After`)
     * with the gateway's problem+json body; `pass` hands the upstream's own body on.
     */
    upstreamErrors: optional(Type.Unsafe<'problem' | 'pass'>({ enum: ['problem', 'pass'] })),
    bodyLimitBytes: optional(Type.Integer({ minimum: 0, maximum: 10737418240 })),
    transforms: optional(
      Type.Object({ request: optional(requestTransforms), response: optional(responseTransforms) }, strict),
    ),
  },
  strict,
);

/** A whole routes file. */
export const routesFileSchema = Type.Object(
  { $schema: optional(Type.String()), routes: Type.Array(routeSchema) },
  strict,
);
