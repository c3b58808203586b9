import { adminEnvironment, deriveAdminDefaults, type AdminEnvironment } from './admin-environment';
import { otelEnvironment } from './otel-environment';
import { InvalidEnvironmentError, type EnvironmentSchema } from './validate-environment';

const url = { type: 'string', pattern: '^https?://[^\\s/$.?#][^\\s]*$' };
const port = { type: 'integer', minimum: 0, maximum: 65535 };

/**
 * The variables every gateway reads (DESIGN.md, "Ports and processes"). An app adds its own with
 * `extendEnvironment`. Defaults point at the demo services on this machine.
 */
export const gatewayEnvironmentSchema: EnvironmentSchema = {
  type: 'object',
  properties: {
    NODE_ENV: { type: 'string', default: 'production' },
    HOST: { type: 'string', default: '0.0.0.0' },
    PORT: port,
    LOG_LEVEL: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' },
    ACCESS_LOG: { type: 'boolean', default: true },
    IDENTITY_URL: { ...url, default: 'http://127.0.0.1:4000' },
    JWT_JWKS_URI: url,
    JWT_ISSUER: { type: 'string', minLength: 1 },
    JWT_AUDIENCE: { type: 'string', minLength: 1, default: 'concierge' },
    JWT_CLOCK_TOLERANCE_SEC: { type: 'integer', minimum: 0, maximum: 600 },
    JWT_HS256_SECRET: { type: 'string', minLength: 32 },
    USERS_SERVICE_URL: { ...url, default: 'http://127.0.0.1:4001' },
    CATALOG_SERVICE_URL: { ...url, default: 'http://127.0.0.1:4002' },
    ORDERS_SERVICE_URL: { ...url, default: 'http://127.0.0.1:4003' },
    DEVICES_SERVICE_URL: { ...url, default: 'http://127.0.0.1:4004' },
    UPSTREAM_TIMEOUT_MS: { type: 'integer', minimum: 1, maximum: 120000, default: 2000 },
    UPSTREAM_CONNECTIONS: { type: 'integer', minimum: 1, maximum: 1024, default: 64 },
    UPSTREAM_BREAKER_FAILURES: { type: 'integer', minimum: 1, maximum: 1000, default: 5 },
    UPSTREAM_BREAKER_HALF_OPEN_MS: { type: 'integer', minimum: 100, maximum: 600000, default: 5000 },
    SERVICE_CLIENT_TRANSPORT: { enum: ['undici', 'axios', 'stock-axios'], default: 'undici' },
    REDIS_URL: { type: 'string', pattern: '^rediss?://' },
    REDIS_CACHE_URL: { type: 'string', pattern: '^rediss?://' },
    ROUTES_FILE: { type: 'string', minLength: 1 },
    RATE_LIMIT_DEFAULT: { type: 'string', minLength: 1 },
    RATE_LIMIT_FAIL_MODE: { enum: ['open', 'closed'], default: 'open' },
    TRUSTED_PROXIES: { type: 'string', pattern: '^[0-9a-fA-F.:/, ]*$', default: '' },
    CACHE_MAX_BYTES: { type: 'integer', minimum: 0, maximum: 4294967296, default: 67108864 },
    BODY_LIMIT_BYTES: { type: 'integer', minimum: 1024, maximum: 1073741824, default: 1048576 },
    SHUTDOWN_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 60000, default: 10000 },
    ...otelEnvironment,
    ...adminEnvironment,
    // Hardening: what one request may weigh before the gateway refuses it (see hardening/).
    MAX_HEADER_BYTES: { type: 'integer', minimum: 1024, maximum: 1048576, default: 16384 },
    MAX_HEADERS: { type: 'integer', minimum: 8, maximum: 1000, default: 100 },
    MAX_URL_LENGTH: { type: 'integer', minimum: 256, maximum: 65536, default: 4096 },
    MAX_QUERY_PARAMS: { type: 'integer', minimum: 1, maximum: 10000, default: 100 },
    MAX_JSON_DEPTH: { type: 'integer', minimum: 1, maximum: 1000, default: 32 },
    // Slow clients: headers, the whole request, an idle socket, an idle keep-alive connection.
    HEADERS_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 300000, default: 10000 },
    REQUEST_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 600000, default: 30000 },
    CONNECTION_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 600000, default: 30000 },
    KEEP_ALIVE_TIMEOUT_MS: { type: 'integer', minimum: 100, maximum: 600000, default: 72000 },
    // Browsers: no CORS unless origins are listed; HSTS off unless asked (TLS ends before the gateway).
    CORS_ORIGINS: { type: 'string', pattern: '^(\\s*https?://[^\\s/,]+\\s*(,\\s*https?://[^\\s/,]+\\s*)*)?$', default: '' },
    CORS_CREDENTIALS: { type: 'boolean', default: false },
    CORS_MAX_AGE_SEC: { type: 'integer', minimum: 0, maximum: 86400, default: 600 },
    HSTS_MAX_AGE_SEC: { type: 'integer', minimum: 0, maximum: 63072000, default: 0 },
    // The Host names clients may use (comma-separated, port included when not the default); others: 421.
    PUBLIC_HOSTS: { type: 'string', pattern: '^[A-Za-z0-9.:\\[\\]_~, -]*$', default: '' },
  },
};

/** The typed result of validating `gatewayEnvironmentSchema`. */
export interface GatewayEnvironment extends AdminEnvironment {
  NODE_ENV: string;
  HOST: string;
  PORT: number;
  LOG_LEVEL: string;
  ACCESS_LOG: boolean;
  IDENTITY_URL: string;
  JWT_JWKS_URI: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_CLOCK_TOLERANCE_SEC?: number;
  JWT_HS256_SECRET?: string;
  USERS_SERVICE_URL: string;
  CATALOG_SERVICE_URL: string;
  ORDERS_SERVICE_URL: string;
  DEVICES_SERVICE_URL: string;
  UPSTREAM_TIMEOUT_MS: number;
  UPSTREAM_CONNECTIONS: number;
  /** Consecutive failures of one upstream that open its circuit breaker. */
  UPSTREAM_BREAKER_FAILURES: number;
  /** How long an open breaker fails fast before it lets one probe through. */
  UPSTREAM_BREAKER_HALF_OPEN_MS: number;
  /** How service clients send; `stock-axios` exists for the benchmark's baseline. */
  SERVICE_CLIENT_TRANSPORT: 'undici' | 'axios' | 'stock-axios';
  REDIS_URL?: string;
  /** The response cache's own Redis (may evict: `allkeys-lru`); unset: the cache uses `REDIS_URL`. */
  REDIS_CACHE_URL?: string;
  ROUTES_FILE?: string;
  RATE_LIMIT_DEFAULT?: string;
  RATE_LIMIT_FAIL_MODE: 'open' | 'closed';
  /** Comma-separated IPs or CIDRs whose X-Forwarded-For is believed. */
  TRUSTED_PROXIES: string;
  CACHE_MAX_BYTES: number;
  BODY_LIMIT_BYTES: number;
  SHUTDOWN_TIMEOUT_MS: number;
  /** Request line and headers together (Node's `maxHeaderSize`); beyond it 431, or 414 for the line. */
  MAX_HEADER_BYTES: number;
  /** Header fields in one request; beyond it 431. */
  MAX_HEADERS: number;
  /** Path and query together; beyond it 414. */
  MAX_URL_LENGTH: number;
  /** Query parameters in one URL; beyond it 400. */
  MAX_QUERY_PARAMS: number;
  /** Nesting of objects and arrays in a JSON body; beyond it 400. */
  MAX_JSON_DEPTH: number;
  /** Time to receive the request line and headers (a slowloris is cut after it); 408. */
  HEADERS_TIMEOUT_MS: number;
  /** Time to receive the whole request, body included; 408. */
  REQUEST_TIMEOUT_MS: number;
  /** A socket idle this long is closed. */
  CONNECTION_TIMEOUT_MS: number;
  /** An idle keep-alive connection is closed after this (longer than the load balancer's). */
  KEEP_ALIVE_TIMEOUT_MS: number;
  /** Comma-separated origins allowed by CORS (`https://app.example.com`); empty: no CORS headers at all. */
  CORS_ORIGINS: string;
  CORS_CREDENTIALS: boolean;
  CORS_MAX_AGE_SEC: number;
  /** `Strict-Transport-Security` max-age; 0 sends none. */
  HSTS_MAX_AGE_SEC: number;
  /** Comma-separated `host[:port]` a client may name in `Host`; empty: any well-formed host. */
  PUBLIC_HOSTS: string;
}

/** The gateway schema plus an app's own variables (which may also override a default, e.g. PORT). */
export function extendEnvironment(
  properties: EnvironmentSchema['properties'],
  base: EnvironmentSchema = gatewayEnvironmentSchema,
): EnvironmentSchema {
  const merged: EnvironmentSchema['properties'] = { ...base.properties };
  for (const [name, rule] of Object.entries(properties)) merged[name] = { ...merged[name], ...rule };
  return { ...base, properties: merged };
}

/**
 * Values derived from others once validation is done (the JWKS and issuer follow IDENTITY_URL), and the
 * rules no single variable's schema can state. Throws `InvalidEnvironmentError` naming the variables.
 */
export function deriveGatewayDefaults<T extends GatewayEnvironment>(env: T): T {
  const problems: string[] = [];
  if (env.HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
    problems.push(`HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (got ${env.HEADERS_TIMEOUT_MS} > ${env.REQUEST_TIMEOUT_MS})`);
  }
  if (env.MAX_URL_LENGTH > env.MAX_HEADER_BYTES) {
    problems.push(`MAX_URL_LENGTH must not exceed MAX_HEADER_BYTES (got ${env.MAX_URL_LENGTH} > ${env.MAX_HEADER_BYTES})`);
  }
  const { admin, problems: adminProblems } = deriveAdminDefaults(env);
  problems.push(...adminProblems);
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  const identity = env.IDENTITY_URL.replace(/\/+$/, '');
  return {
    ...env,
    ...admin,
    JWT_JWKS_URI: env.JWT_JWKS_URI ?? `${identity}/.well-known/jwks.json`,
    JWT_ISSUER: env.JWT_ISSUER ?? identity,
  };
}
