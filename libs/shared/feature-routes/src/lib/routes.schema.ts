import { METHODS } from 'node:http';
import { Type, type TSchema } from '@sinclair/typebox';

/**
 * The JSON Schema of a routes file, and — derived from it — the TypeScript types of what a file declares
 * (`routes.types.ts`): one source, so a field added here is typed everywhere and a drift cannot compile.
 * Shape only (`additionalProperties: false` everywhere); what needs context — known services and scopes,
 * URLs, path syntax, shadowing — is checked by the loader with messages that name the entry.
 *
 * Every field has a `description` (and a `default` annotation where it has one): `docs/routes-reference.md`
 * is rendered from them by `tools/routes-reference.mjs`, and `npm run lint` fails when it is out of date.
 */
// `100/60s`, `100/60s,burst=20`, or named and combined: `burst:20/1s;sustained:600/60s`.
const policy = '([A-Za-z0-9_.-]+:)?[1-9][0-9]*/[1-9][0-9]*[smhd](,burst=[1-9][0-9]*)?';
const strict = { additionalProperties: false } as const;
const headerName = Type.String({ pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" });
const headerMap = (description: string) =>
  Type.Record(Type.String(), Type.String(), { propertyNames: { pattern: headerName.pattern }, description });
const headerList = (description: string) => Type.Array(headerName, { description });
const stringList = (description: string) => Type.Array(Type.String({ minLength: 1 }), { description });
const stringMap = (description: string) =>
  Type.Record(Type.String(), Type.String({ minLength: 1 }), { description });
const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);

/**
 * Methods a route may declare: every method Node's HTTP parser accepts (RFC 9110's and the registered
 * extension methods such as `PURGE`, `PROPFIND` or `QUERY`) but `CONNECT`, which opens a tunnel, not a request.
 */
export const ROUTE_METHODS = METHODS.filter((method) => method !== 'CONNECT');

/** A method of {@link ROUTE_METHODS}; a string, since the list is Node's. */
export type HttpMethod = string;

const scopesRule = (kind: string, who: string) =>
  Type.Object(
    {
      scopes: Type.Array(Type.String({ minLength: 1 }), {
        description: `The scopes such a ${kind} must have, all of them (\`[]\`: any ${kind}).`,
      }),
    },
    { ...strict, description: `The route serves ${who}.` },
  );

/**
 * `public`, or the kinds of principal the route serves (`user`, `client`, `device`: one or several),
 * each with the scopes it must have, e.g. `{ user: { scopes: [catalog:read] }, client: { scopes: [catalog:read] } }`.
 */
export type RouteAuth = 'public' | Partial<Record<'user' | 'client' | 'device', { scopes: string[] }>>;

// An if/then/else rather than a union: a bad value gets one message, not one per alternative.
const auth = Type.Unsafe<RouteAuth>({
  description:
    '`public`, or the kinds of principal the route serves, each with the scopes it must have: ' +
    '`{ user: { scopes: [catalog:read] }, client: { scopes: [catalog:read] } }`. A caller of another kind is refused with 403.',
  if: { type: 'string' },
  then: { const: 'public' },
  else: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      user: scopesRule('user', 'users: people, with a bearer token'),
      client: scopesRule('client', 'clients: apps, with a client-credentials token or an API key'),
      device: scopesRule('device', 'devices, with a device key'),
    },
  },
});

export const headerTransformsSchema = Type.Object(
  {
    set: optional(
      headerMap('Headers set on the upstream request (after `rename` and `remove`), replacing any.'),
    ),
    remove: optional(headerList('Headers taken off the request before it goes upstream.')),
    rename: optional(headerMap('`{ from: to }`: a request header sent upstream under another name.')),
  },
  { ...strict, description: 'Request headers, changed in this order: `rename`, `remove`, `set`.' },
);

const requestTransforms = Type.Object(
  {
    headers: optional(headerTransformsSchema),
    query: optional(
      Type.Object(
        {
          rename: optional(stringMap('`{ from: to }`: renames query parameters (`{ q: search }`).')),
          remove: optional(stringList('Query parameters dropped.')),
          set: optional(stringMap('Query parameters set (replacing any of that name).')),
          allow: optional(
            stringList('Only these parameters are passed on (after renaming); without it, all.'),
          ),
        },
        {
          ...strict,
          description: 'The query string, changed in this order: `rename`, `remove`, `set`, `allow`.',
        },
      ),
    ),
  },
  { ...strict, description: 'What the gateway changes in the request before it goes upstream.' },
);

/**
 * JSON body shaping, in this order: `target`, `flatten`, `allow`, `deny`, `rename`, `wrap`. Paths are dot
 * paths; `*` stands for every element of an array (`items.*.price`). A top-level array is shaped element
 * by element.
 */
export const bodyTransformsSchema = Type.Object(
  {
    target: optional(
      Type.String({
        minLength: 1,
        description: "The body becomes the value at this path (KrakenD's `target`).",
      }),
    ),
    flatten: optional(
      Type.Object(
        {
          path: Type.String({ minLength: 1, description: 'A dot path with `*` (`items.*.tags`).' }),
          as: Type.String({ minLength: 1, description: 'The key the flat array is stored under.' }),
        },
        {
          ...strict,
          description:
            "Collects every value at a `*` path into one flat array stored under `as` (KrakenD's flatmap).",
        },
      ),
    ),
    allow: optional(stringList('Only these paths are kept.')),
    deny: optional(stringList('These paths are removed.')),
    rename: optional(stringMap("`{ 'from.path': 'to.path' }`: moves values (KrakenD's `mapping`).")),
    wrap: optional(
      Type.String({ minLength: 1, description: 'The body is wrapped under this key (`{ key: body }`).' }),
    ),
  },
  {
    ...strict,
    description:
      'JSON body shaping, in this order: `target`, `flatten`, `allow`, `deny`, `rename`, `wrap`. Paths are dot ' +
      'paths; `*` stands for every element of an array (`items.*.price`); a top-level array is shaped element ' +
      'by element. A route that shapes the body buffers the response (within its limits) instead of streaming it.',
  },
);

const responseTransforms = Type.Object(
  {
    headers: optional(
      Type.Object(
        {
          set: optional(headerMap('Headers set on the response, replacing any.')),
          remove: optional(headerList("Headers taken off the upstream's response.")),
        },
        { ...strict, description: 'Response headers, changed in this order: `remove`, `set`.' },
      ),
    ),
    body: optional(bodyTransformsSchema),
  },
  { ...strict, description: 'What the gateway changes in the upstream response before the client gets it.' },
);

const upstream = Type.Object(
  {
    service: optional(
      Type.String({
        minLength: 1,
        description:
          'A service the gateway declares (`declareServices`); its base URL comes from `<NAME>_SERVICE_URL`, and the ' +
          "call runs under that upstream's breaker, bulkhead and keep-alive pool, shared with the controllers.",
      }),
    ),
    url: optional(
      Type.String({
        minLength: 1,
        description:
          'Or an absolute `http(s)` URL with no query: an upstream of its own. Exactly one of `service` and `url`.',
      }),
    ),
    rewrite: optional(
      Type.String({
        pattern: '^/',
        description: "The upstream path, using the route's `:params` and `*`; without it, the gateway path.",
      }),
    ),
    relayToken: optional(
      Type.Boolean({
        description:
          "Whether the caller's bearer token goes on to the upstream. Default: yes on routes that serve `user`s, " +
          'no otherwise. Device keys (in any header) and cookies never leave the gateway.',
      }),
    ),
  },
  { ...strict, description: 'Where the route goes.' },
);

/** One declared pass-through route. */
export const routeSchema = Type.Object(
  {
    id: optional(
      Type.String({
        pattern: '^[A-Za-z0-9._-]{1,64}$',
        description:
          'A name for logs, metrics, start-up errors and OpenAPI (`operationId`); the bucket of its own `rateLimit`. ' +
          'Default: `METHODS path`.',
      }),
    ),
    summary: optional(
      Type.String({ description: "The operation's summary in the gateway's OpenAPI document." }),
    ),
    methods: Type.Array(Type.Unsafe<HttpMethod>({ enum: ROUTE_METHODS }), {
      minItems: 1,
      uniqueItems: true,
      description:
        "The methods it serves: any Node's HTTP parser accepts (`GET`, `POST`, … and extension methods such as " +
        '`PURGE` or `PROPFIND`) but `CONNECT`. Another method on its path is answered 405 with `Allow`.',
    }),
    path: Type.String({
      pattern: '^/',
      description:
        'The gateway path: static segments, `:param` segments and an optional trailing `*`. Two routes that ' +
        'would answer the same request stop start-up, naming both.',
    }),
    upstream,
    auth,
    rateLimit: optional(
      Type.String({
        pattern: `^(off|default|${policy}(;${policy})*)$`,
        description:
          'A policy such as `100/60s`, `100/60s,burst=20` or `burst:20/1s;sustained:600/60s` (a bucket of this ' +
          "route's own, named after its `id`), `default` or nothing for the gateway's default bucket " +
          '(`RATE_LIMIT_DEFAULT`, shared with the controllers), or `off`.',
      }),
    ),
    cache: optional(
      Type.Object(
        {
          enabled: Type.Boolean({ description: 'Whether answers are looked up in and stored in the cache.' }),
          perPrincipal: optional(
            Type.Boolean({
              default: false,
              description:
                'Entries keyed by the verified principal and never served to anyone else (private answers); ' +
                'anonymous requests bypass the cache.',
            }),
          ),
        },
        {
          ...strict,
          description:
            "The gateway's RFC 9111 shared cache (`Cache-Status`): freshness, validation and `Vary` as the upstream says.",
        },
      ),
    ),
    timeoutMs: optional(
      Type.Integer({
        minimum: 1,
        maximum: 600000,
        description:
          "The call's deadline, in ms, from when the request arrives. Default: `UPSTREAM_TIMEOUT_MS`.",
      }),
    ),
    upstreamErrors: optional(
      Type.Unsafe<'problem' | 'pass'>({
        enum: ['problem', 'pass'],
        default: 'problem',
        description:
          'An upstream error answer (4xx problem, 5xx): `problem` keeps its status (and `Retry-After`) with the ' +
          "gateway's problem+json body; `pass` hands the upstream's own body on.",
      }),
    ),
    bodyLimitBytes: optional(
      Type.Integer({
        minimum: 0,
        maximum: 10737418240,
        description: 'The largest request body, in bytes (413 past it). Default: `BODY_LIMIT_BYTES`.',
      }),
    ),
    transforms: optional(
      Type.Object(
        { request: optional(requestTransforms), response: optional(responseTransforms) },
        { ...strict, description: 'Changes to the request and the response, each optional.' },
      ),
    ),
  },
  { ...strict, description: 'One declared pass-through route.' },
);

/** A whole routes file. */
export const routesFileSchema = Type.Object(
  {
    $schema: optional(Type.String({ description: "Ignored: room for an editor's schema reference." })),
    routes: Type.Array(routeSchema, { description: 'The routes, each registered straight on Fastify.' }),
  },
  {
    ...strict,
    description:
      "A gateway's routes file (YAML or JSON): `apps/<gateway>/src/app/routes.yaml`, or the file `ROUTES_FILE` names.",
  },
);
