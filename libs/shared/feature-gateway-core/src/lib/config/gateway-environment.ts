import { Type, type Static, type TObject } from '@sinclair/typebox';
import { adminEnvironment, deriveAdminDefaults } from './admin-environment';
import { oneOf, portVariable, urlVariable, type EnvironmentProperties } from './env-types';
import { otelEnvironment } from './otel-environment';
import { InvalidEnvironmentError } from './validate-environment';

const JWT_ALG = '(RS256|RS384|RS512|PS256|PS384|PS512|ES256|ES384|ES512|EdDSA|HS256)';

const int = (minimum: number, maximum: number, options: { default?: number } = {}) =>
  Type.Integer({ minimum, maximum, ...options });

/**
 * The variables every gateway reads — the one source of their names, rules, defaults and TypeScript
 * types (`GatewayEnvironment` is derived from it). An app adds its own with `extendEnvironment`, and the
 * URL variable of each service it declares with the service clients' `serviceUrlEnvironment`.
 */
export const gatewayEnvironmentProperties = {
  NODE_ENV: Type.String({ default: 'production' }),
  HOST: Type.String({ default: '0.0.0.0' }),
  /** Each app sets its own default (`extendEnvironment`); unset here, Fastify's. */
  PORT: Type.Optional(portVariable()),
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, {
    default: 'info',
  }),
  ACCESS_LOG: Type.Boolean({ default: true }),
  IDENTITY_URL: urlVariable({ default: 'http://127.0.0.1:4000' }),
  /** Unset: the `jwks_uri` of the issuer's metadata (`${JWT_ISSUER}/.well-known/openid-configuration`). */
  JWT_JWKS_URI: Type.Optional(urlVariable()),
  /** Unset: `IDENTITY_URL`. */
  JWT_ISSUER: Type.Optional(Type.String({ minLength: 1 })),
  JWT_AUDIENCE: Type.String({ minLength: 1, default: 'concierge' }),
  JWT_CLOCK_TOLERANCE_SEC: Type.Optional(int(0, 600)),
  /** `writeOnly`: a bad value is named, never echoed. */
  JWT_HS256_SECRET: Type.Optional(Type.String({ minLength: 32, writeOnly: true })),
  /** Comma-separated `alg` allow-list; unset: what the issuer's metadata advertises, among the asymmetric JOSE algorithms. */
  JWT_ALGORITHMS: Type.Optional(Type.String({ pattern: `^\\s*${JWT_ALG}(\\s*,\\s*${JWT_ALG})*\\s*$` })),
  /** Comma-separated accepted `typ` headers (RFC 9068 access tokens by default; add `JWT` for issuers that send it). */
  JWT_TOKEN_TYPES: Type.String({
    pattern: '^\\s*[A-Za-z0-9.+/-]+(\\s*,\\s*[A-Za-z0-9.+/-]+)*\\s*$',
    default: 'at+jwt,application/at+jwt',
  }),
  /**
   * How a client-credentials token is told from a user's: `claim` (a client when that claim equals `sub`,
   * RFC 9068 §2.2), `claim=value` (a client when the claim has that value, e.g. `gty=client-credentials`)
   * or `claim=*` (a client when the claim is present, e.g. Keycloak's `client_id=*`).
   */
  JWT_CLIENT_CLAIM: Type.String({ pattern: '^[A-Za-z0-9_:.-]+(=[\\x21-\\x7e]+)?$', default: 'client_id' }),
  /**
   * The least time a fetched key set is kept before it is fetched again, whatever its `Cache-Control` says
   * (a shorter `max-age`, or `no-cache`, is raised to it), so an issuer cannot make every request a fetch.
   * Lower it to notice a removed key sooner; the upper bound is 15 min.
   */
  JWT_JWKS_MIN_MAX_AGE_SEC: int(1, 900, { default: 60 }),
  /** How long a device key the devices service vouched for is trusted (ms); at most 30 s, so revocation bites. */
  DEVICE_KEY_CACHE_TTL_MS: Type.Optional(int(100, 30000)),
  UPSTREAM_TIMEOUT_MS: int(1, 120000, { default: 2000 }),
  UPSTREAM_CONNECTIONS: int(1, 1024, { default: 64 }),
  /** Consecutive failures of one upstream that open its circuit breaker. */
  UPSTREAM_BREAKER_FAILURES: int(1, 1000, { default: 5 }),
  /** How long an open breaker fails fast before it lets one probe through. */
  UPSTREAM_BREAKER_HALF_OPEN_MS: int(100, 600000, { default: 5000 }),
  /** How service clients send; `stock-axios` exists for the benchmark's baseline. */
  SERVICE_CLIENT_TRANSPORT: oneOf(['undici', 'axios', 'stock-axios'] as const, { default: 'undici' }),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  /** The response cache's own Redis (may evict: `allkeys-lru`); unset: the cache uses `REDIS_URL`. */
  REDIS_CACHE_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  /** A Redis Cluster's seed nodes (`host:port,host:port`) for every shared store; wins over `REDIS_URL`, whose credentials and TLS it uses. */
  /**
   * Put before every key the gateway's shared stores write (rate limits and quotas, the response cache):
   * several deployments, or test runs, on one Redis never meet. Empty by default.
   */
  REDIS_KEY_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_.-]{0,64}$', default: '' }),
  REDIS_CLUSTER_NODES: Type.Optional(
    Type.String({ pattern: '^\\s*[^\\s,:]+:\\d{1,5}\\s*(,\\s*[^\\s,:]+:\\d{1,5}\\s*)*$' }),
  ),
  ROUTES_FILE: Type.Optional(Type.String({ minLength: 1 })),
  /** Reload the routes file when it changes (SIGHUP and `POST /admin/reload` always reload it). */
  ROUTES_WATCH: Type.Boolean({ default: false }),
  RATE_LIMIT_DEFAULT: Type.Optional(Type.String({ minLength: 1 })),
  RATE_LIMIT_FAIL_MODE: oneOf(['open', 'closed'] as const, { default: 'open' }),
  /** How long a rate-limit decision may wait for Redis before the fail mode applies. */
  RATE_LIMIT_REDIS_TIMEOUT_MS: int(10, 10000, { default: 250 }),
  /** Comma-separated IPs or CIDRs whose X-Forwarded-For is believed. */
  TRUSTED_PROXIES: Type.String({ pattern: '^[0-9a-fA-F.:/, ]*$', default: '' }),
  CACHE_MAX_BYTES: int(0, 4294967296, { default: 67108864 }),
  BODY_LIMIT_BYTES: int(1024, 1073741824, { default: 1048576 }),
  SHUTDOWN_TIMEOUT_MS: int(100, 60000, { default: 10000 }),
  ...otelEnvironment,
  ...adminEnvironment,
  // Hardening: what one request may weigh before the gateway refuses it (see hardening/).
  /** Request line and headers together (Node's `maxHeaderSize`); beyond it 431, or 414 for the line. */
  MAX_HEADER_BYTES: int(1024, 1048576, { default: 16384 }),
  /** Header fields in one request; beyond it 431. */
  MAX_HEADERS: int(8, 1000, { default: 100 }),
  /** Path and query together; beyond it 414. */
  MAX_URL_LENGTH: int(256, 65536, { default: 4096 }),
  /** Query parameters in one URL; beyond it 400. */
  MAX_QUERY_PARAMS: int(1, 10000, { default: 100 }),
  /** Nesting of objects and arrays in a JSON body; beyond it 400. */
  MAX_JSON_DEPTH: int(1, 1000, { default: 32 }),
  /** Members of one object in a JSON body; beyond it 400 (before any DTO transformation, which is quadratic in them). */
  MAX_JSON_KEYS: int(1, 1000000, { default: 1000 }),
  // What all requests together may hold, sized for the manifests' 512 MiB limit: ~150 MiB at rest, the
  // response cache's 64 MiB, bodies' 64 MiB, and 2,048 connections at up to ~64 KiB each (parser,
  // socket buffers, a header budget), with room left for the heap to breathe.
  /** Open client connections; a connection beyond it is closed as it arrives. */
  MAX_CONNECTIONS: int(1, 1000000, { default: 2048 }),
  /** Bytes of controller-route request bodies held in memory at once, all requests together; beyond it 503. */
  MAX_BODY_BYTES_IN_FLIGHT: int(1024, 4294967296, { default: 67108864 }),
  // Slow clients: headers, the whole request, an idle socket, an idle keep-alive connection.
  /** Time to receive the request line and headers (a slowloris is cut after it); 408. */
  HEADERS_TIMEOUT_MS: int(100, 300000, { default: 10000 }),
  /** Time to receive the whole request, body included; 408. */
  REQUEST_TIMEOUT_MS: int(100, 600000, { default: 30000 }),
  /** A socket idle this long is closed. */
  CONNECTION_TIMEOUT_MS: int(100, 600000, { default: 30000 }),
  /** An idle keep-alive connection is closed after this (longer than the load balancer's). */
  KEEP_ALIVE_TIMEOUT_MS: int(100, 600000, { default: 72000 }),
  // Browsers: no CORS unless origins are listed; HSTS off unless asked (TLS ends before the gateway).
  /** Comma-separated origins allowed by CORS (`https://app.example.com`); empty: no CORS headers at all. */
  CORS_ORIGINS: Type.String({
    pattern: '^(\\s*https?://[^\\s/,]+\\s*(,\\s*https?://[^\\s/,]+\\s*)*)?$',
    default: '',
  }),
  CORS_CREDENTIALS: Type.Boolean({ default: false }),
  CORS_MAX_AGE_SEC: int(0, 86400, { default: 600 }),
  /** `Strict-Transport-Security` max-age; 0 sends none. */
  HSTS_MAX_AGE_SEC: int(0, 63072000, { default: 0 }),
  /** Comma-separated `host[:port]` a client may name in `Host` (port included when not the default); others: 421. Empty: any well-formed host. */
  PUBLIC_HOSTS: Type.String({ pattern: '^[A-Za-z0-9.:\\[\\]_~, -]*$', default: '' }),
};

/** The JSON Schema of the variables every gateway reads (validated once at start-up). */
export const gatewayEnvironmentSchema = Type.Object(gatewayEnvironmentProperties);

/** Variables whose value is derived from others when unset: always present once validation is done. */
interface Derived {
  JWT_ISSUER: string;
  ADMIN_PORT: number;
}

/** The validated environment of a schema: its static type, with the derived variables filled in. */
export type EnvironmentOf<S extends TObject> = Omit<Static<S>, keyof Derived> & Derived;

/** The typed result of validating `gatewayEnvironmentSchema` (derived from it: a drift cannot compile). */
export type GatewayEnvironment = EnvironmentOf<typeof gatewayEnvironmentSchema>;

/**
 * The gateway schema plus an app's own variables: new ones, or a gateway variable with a new rule or
 * default (e.g. `PORT: portVariable({ default: 3000 })`, which replaces the gateway's rule).
 */
export function extendEnvironment<P extends EnvironmentProperties>(
  properties: P,
): TObject<Omit<typeof gatewayEnvironmentProperties, keyof P> & P> {
  return Type.Object({ ...gatewayEnvironmentProperties, ...properties } as Omit<
    typeof gatewayEnvironmentProperties,
    keyof P
  > &
    P);
}

/**
 * Values derived from others once validation is done (the issuer follows IDENTITY_URL, the admin
 * port follows PORT), and the
 * rules no single variable's schema can state. Throws `InvalidEnvironmentError` naming the variables.
 */
export function deriveGatewayDefaults<T extends Static<typeof gatewayEnvironmentSchema>>(
  env: T,
): T & Derived {
  const problems: string[] = [];
  if (env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
    problems.push(
      `HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (got ${env.HEADERS_TIMEOUT_MS} > ${env.REQUEST_TIMEOUT_MS})`,
    );
  }
  if (env.MAX_URL_LENGTH > env.MAX_HEADER_BYTES) {
    problems.push(
      `MAX_URL_LENGTH must not exceed MAX_HEADER_BYTES (got ${env.MAX_URL_LENGTH} > ${env.MAX_HEADER_BYTES})`,
    );
  }
  const { admin, problems: adminProblems } = deriveAdminDefaults({ ...env, PORT: env.PORT ?? 0 });
  problems.push(...adminProblems);
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  const identity = env.IDENTITY_URL.replace(/\/+$/, '');
  return {
    ...env,
    ...admin,
    JWT_ISSUER: env.JWT_ISSUER ?? identity,
  };
}
