import type { DeviceKeyVerification } from '@concierge/shared/util-contracts';
import { normalizedType } from './token-type';

/** The asymmetric JOSE signature algorithms a JWKS can serve (EdDSA: Ed25519/Ed448 keys); the default allow-list. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];
export type JwtAlgorithm = AsymmetricAlgorithm | 'HS256';

/** How bearer tokens (JWT access tokens) are verified. One issuer per configuration. */
export interface JwtOptions {
  /**
   * The issuer's JSON Web Key Set, e.g. `https://idp.example.com/.well-known/jwks.json`. Unset: read from
   * the issuer's metadata (`${issuer}/.well-known/openid-configuration`, then RFC 8414's
   * `oauth-authorization-server`), which also gives the default algorithms.
   */
  jwksUri?: string;
  /** Expected `iss`, compared exactly; with discovery it must equal the metadata's `issuer` (else start-up fails). */
  issuer: string;
  /** Expected `aud` (a token must name at least one of them). */
  audience: string | string[];
  /**
   * Accepted `alg` values. Default: what the issuer's metadata advertises (`id_token_signing_alg_values_supported`)
   * among `ASYMMETRIC_ALGORITHMS`, or all of them without discovery; `none` is never accepted.
   */
  algorithms?: JwtAlgorithm[];
  /**
   * Accepted `typ` header values (`application/` prefix and case ignored). Default `['at+jwt']`, the JWT
   * access token type of RFC 9068 §2.1, so an ID token or any other JWT of the issuer is refused. Issuers
   * that put `JWT` in their access tokens need it listed explicitly.
   */
  tokenTypes?: string[];
  /**
   * How a client-credentials token is told from a user's: `claim` (a client when it equals `sub`) or
   * `claim=value` (e.g. `gty=client-credentials`) or `claim=*` (a client when the claim is present, e.g.
   * Keycloak's `client_id=*`). Default `client_id` (RFC 9068 §2.2).
   */
  clientClaim?: string;
  /** Slack for `exp` and `nbf`, in seconds. Default 5. */
  clockToleranceSec?: number;
  /** Tokens longer than this are rejected before any parsing. Default 8192. */
  maxTokenBytes?: number;
  /**
   * Shared secret (≥ 32 bytes) that enables HS256. Without it HS256 is refused; with it HS256 tokens are
   * checked against this secret only, never against a public key.
   */
  hs256Secret?: string;
  /**
   * Least time between two JWKS fetches, in ms. A token whose `kid` is not in the set waits for the next
   * fetch, so this is also the longest a newly published key waits to be accepted. Default 3000.
   */
  jwksMinRefetchIntervalMs?: number;
  /** Lifetime of a fetched JWKS when its response has no `Cache-Control: max-age`, in ms. Default 300000. */
  jwksDefaultMaxAgeMs?: number;
  /** Bounds of the JWKS lifetime whatever its `Cache-Control` says, in ms. Default 60000 and 900000. */
  jwksMinMaxAgeMs?: number;
  jwksMaxMaxAgeMs?: number;
  /** How long past its lifetime a JWKS is still used while the issuer cannot be reached, in ms. Default 3600000. */
  jwksMaxStaleMs?: number;
  /** Timeout of one JWKS fetch, in ms. Default 5000. */
  jwksTimeoutMs?: number;
  /** Requests that may wait for a JWKS refetch at once; beyond that, 503. Default 1000. */
  jwksMaxWaiting?: number;
  /** Entries of the verified-token cache. Default 10000. */
  verifiedTokenCacheSize?: number;
}

/** Device credentials (`Authorization: ApiKey <key>` or `X-Device-Key: <key>`), checked by a verifier. */
export interface DeviceKeyOptions {
  /**
   * Asks the source of truth (the devices service) whose key this is. Throwing means "cannot tell now".
   * `check.known` is false for a key nobody has seen succeed: anyone can cause such checks, so the caller
   * should run them apart from genuine traffic (their own bulkhead and breaker upstream).
   */
  verifier: (key: string, check: { known: boolean }) => Promise<DeviceKeyVerification>;
  /** How long a valid answer is trusted, in ms; at most 30000 so a revoked key stops within 30 s. Default 15000. */
  cacheTtlMs?: number;
  /** How long an invalid answer is remembered, in ms. Default 5000. */
  negativeCacheTtlMs?: number;
  /** Entries of the device-key cache. Default 10000. */
  cacheSize?: number;
  /** How long a key that verified valid counts as known (checked without the unknown-key limits), in ms. Default 86400000. */
  knownKeyTtlMs?: number;
  /** Checks of unknown keys one client may have fail in a row before it must wait. Default 10. */
  failedAttemptsBurst?: number;
  /** Failed checks given back to a client per minute. Default 10. */
  failedAttemptsPerMinute?: number;
  /** Checks of unknown keys in flight at once (all clients), and waiting for a slot. Default 8 and 16. */
  unknownKeyConcurrency?: number;
  unknownKeyQueue?: number;
}

/** Anything that takes readiness checks, e.g. the gateway core's `ReadinessService`. */
export interface ReadinessRegistry {
  register(name: string, check: () => boolean | Promise<boolean>): void;
}

/**
 * What an API-key verifier says about a key: whose client it is (`clientId`), with the scopes and roles the
 * principal gets and extra string claims (e.g. a partner's `plan` and `status`) the app may read.
 */
export interface ApiKeyVerification {
  valid: boolean;
  clientId?: string;
  keyId?: string;
  scopes?: string[];
  roles?: string[];
  claims?: Record<string, string>;
}

/**
 * Client API keys (`X-Api-Key: <key>` or `Authorization: ApiKey <key>`) for third-party apps, checked by a
 * verifier with a short-lived cache; the principal is a `client`. A gateway takes either these or device keys.
 */
export interface ApiKeyOptions {
  /** Asks the source of truth (e.g. the consumers service) whose key this is. Throwing means "cannot tell now". */
  verifier: (key: string) => Promise<ApiKeyVerification>;
  /** How long a valid answer is trusted, in ms; at most 30000 so a revoked key stops within 30 s. Default 15000. */
  cacheTtlMs?: number;
  /** How long an invalid answer is remembered, in ms. Default 5000. */
  negativeCacheTtlMs?: number;
  /** Entries of the cache. Default 10000. */
  cacheSize?: number;
  /** How long a key that verified valid counts as known (checked without the unknown-key limits), in ms. Default 86400000. */
  knownKeyTtlMs?: number;
  /** Checks of unknown keys one client may have fail in a row before it must wait (429). Default 10. */
  failedAttemptsBurst?: number;
  /** Failed checks given back to a client per minute. Default 10. */
  failedAttemptsPerMinute?: number;
  /** Checks of unknown keys in flight at once (all clients), and waiting for a slot. Default 8 and 16. */
  unknownKeyConcurrency?: number;
  unknownKeyQueue?: number;
}

/** Options of `AuthModule.forRoot` / `forRootAsync`. */
export interface AuthModuleOptions {
  jwt: JwtOptions;
  deviceKeys?: DeviceKeyOptions;
  /** Told of the `signing-keys` check: not ready until the issuer's keys were fetched once. */
  readiness?: ReadinessRegistry;
  apiKeys?: ApiKeyOptions;
  /** The `realm` of every `WWW-Authenticate` challenge, e.g. `concierge-web`. */
  realm: string;
}

export interface ResolvedJwtOptions extends Required<Omit<JwtOptions, 'hs256Secret' | 'jwksUri'>> {
  /** Undefined: discovered from the issuer's metadata. */
  jwksUri?: string;
  /** The algorithms were not configured: discovery may narrow them to what the issuer advertises. */
  algorithmsFromDiscovery: boolean;
  /** Normalised: lower case, without `application/`. */
  tokenTypes: string[];
  hs256Secret?: string;
}
export type ResolvedDeviceKeyOptions = Required<DeviceKeyOptions>;
export type ResolvedApiKeyOptions = Required<ApiKeyOptions>;

/** Options with every default filled in and every value checked. */
export interface ResolvedAuthOptions {
  jwt: ResolvedJwtOptions;
  deviceKeys?: ResolvedDeviceKeyOptions;
  readiness?: ReadinessRegistry;
  apiKeys?: ResolvedApiKeyOptions;
  realm: string;
}

const MAX_DEVICE_KEY_CACHE_TTL_MS = 30_000;

/** Fills in defaults and fails fast, naming the bad option, on anything unsafe or malformed. */
export function resolveAuthOptions(options: AuthModuleOptions): ResolvedAuthOptions {
  const { jwt, deviceKeys, apiKeys, realm } = options;
  const fail = (name: string, why: string): never => {
    throw new Error(`AuthModule: option "${name}" ${why}`);
  };
  if (!realm || !/^[\x20-\x7e]+$/.test(realm) || /["\\]/.test(realm))
    fail('realm', 'must be printable ASCII without quotes');
  if (!jwt) fail('jwt', 'is required');
  if (jwt.jwksUri !== undefined && !/^https?:\/\//.test(jwt.jwksUri))
    fail('jwt.jwksUri', 'must be an http(s) URL');
  if (!jwt.issuer) fail('jwt.issuer', 'is required');
  if (jwt.jwksUri === undefined && !/^https?:\/\//.test(jwt.issuer))
    fail('jwt.issuer', 'must be an http(s) URL for discovery (or set jwt.jwksUri)');
  if (!jwt.audience || (Array.isArray(jwt.audience) && jwt.audience.length === 0))
    fail('jwt.audience', 'is required');

  const hs256Secret = jwt.hs256Secret;
  if (hs256Secret !== undefined && Buffer.byteLength(hs256Secret) < 32)
    fail('jwt.hs256Secret', 'must be at least 32 bytes');
  const algorithms = [...(jwt.algorithms ?? ASYMMETRIC_ALGORITHMS)] as JwtAlgorithm[];
  for (const alg of algorithms) {
    if (alg === 'HS256' && hs256Secret === undefined)
      fail('jwt.algorithms', 'lists HS256 but jwt.hs256Secret is not set');
    if (alg !== 'HS256' && !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg))
      fail('jwt.algorithms', `has unsupported "${alg}"`);
  }
  if (hs256Secret !== undefined && !algorithms.includes('HS256')) algorithms.push('HS256');
  if (algorithms.length === 0) fail('jwt.algorithms', 'must not be empty');

  const tokenTypes = [...new Set((jwt.tokenTypes ?? ['at+jwt']).map(normalizedType))];
  if (tokenTypes.length === 0 || tokenTypes.includes(''))
    fail('jwt.tokenTypes', 'must list at least one non-empty type');
  if ((jwt.jwksMinMaxAgeMs ?? 60_000) > (jwt.jwksMaxMaxAgeMs ?? 900_000))
    fail('jwt.jwksMinMaxAgeMs', 'must not exceed jwt.jwksMaxMaxAgeMs');
  const resolved: ResolvedAuthOptions = {
    realm,
    readiness: options.readiness,
    jwt: {
      jwksUri: jwt.jwksUri,
      issuer: jwt.issuer,
      audience: jwt.audience,
      algorithms,
      algorithmsFromDiscovery: jwt.algorithms === undefined && jwt.jwksUri === undefined,
      tokenTypes,
      clientClaim: clientClaimOf(jwt.clientClaim, fail),
      clockToleranceSec: nonNegative('jwt.clockToleranceSec', jwt.clockToleranceSec ?? 5, fail),
      maxTokenBytes: positive('jwt.maxTokenBytes', jwt.maxTokenBytes ?? 8192, fail),
      hs256Secret,
      jwksMinRefetchIntervalMs: positive(
        'jwt.jwksMinRefetchIntervalMs',
        jwt.jwksMinRefetchIntervalMs ?? 3000,
        fail,
      ),
      jwksDefaultMaxAgeMs: positive('jwt.jwksDefaultMaxAgeMs', jwt.jwksDefaultMaxAgeMs ?? 300_000, fail),
      jwksMinMaxAgeMs: positive('jwt.jwksMinMaxAgeMs', jwt.jwksMinMaxAgeMs ?? 60_000, fail),
      jwksMaxMaxAgeMs: positive('jwt.jwksMaxMaxAgeMs', jwt.jwksMaxMaxAgeMs ?? 900_000, fail),
      jwksMaxStaleMs: nonNegative('jwt.jwksMaxStaleMs', jwt.jwksMaxStaleMs ?? 3_600_000, fail),
      jwksTimeoutMs: positive('jwt.jwksTimeoutMs', jwt.jwksTimeoutMs ?? 5000, fail),
      jwksMaxWaiting: positive('jwt.jwksMaxWaiting', jwt.jwksMaxWaiting ?? 1000, fail),
      verifiedTokenCacheSize: positive(
        'jwt.verifiedTokenCacheSize',
        jwt.verifiedTokenCacheSize ?? 10_000,
        fail,
      ),
    },
  };
  if (deviceKeys) {
    if (typeof deviceKeys.verifier !== 'function') fail('deviceKeys.verifier', 'must be a function');
    const cacheTtlMs = positive('deviceKeys.cacheTtlMs', deviceKeys.cacheTtlMs ?? 15_000, fail);
    if (cacheTtlMs > MAX_DEVICE_KEY_CACHE_TTL_MS)
      fail('deviceKeys.cacheTtlMs', `must be at most ${MAX_DEVICE_KEY_CACHE_TTL_MS}`);
    const negativeCacheTtlMs = positive(
      'deviceKeys.negativeCacheTtlMs',
      deviceKeys.negativeCacheTtlMs ?? 5000,
      fail,
    );
    if (negativeCacheTtlMs > MAX_DEVICE_KEY_CACHE_TTL_MS)
      fail('deviceKeys.negativeCacheTtlMs', `must be at most ${MAX_DEVICE_KEY_CACHE_TTL_MS}`);
    resolved.deviceKeys = {
      verifier: deviceKeys.verifier,
      cacheTtlMs,
      negativeCacheTtlMs,
      cacheSize: positive('deviceKeys.cacheSize', deviceKeys.cacheSize ?? 10_000, fail),
      knownKeyTtlMs: positive('deviceKeys.knownKeyTtlMs', deviceKeys.knownKeyTtlMs ?? 86_400_000, fail),
      failedAttemptsBurst: positive(
        'deviceKeys.failedAttemptsBurst',
        deviceKeys.failedAttemptsBurst ?? 10,
        fail,
      ),
      failedAttemptsPerMinute: positive(
        'deviceKeys.failedAttemptsPerMinute',
        deviceKeys.failedAttemptsPerMinute ?? 10,
        fail,
      ),
      unknownKeyConcurrency: positive(
        'deviceKeys.unknownKeyConcurrency',
        deviceKeys.unknownKeyConcurrency ?? 8,
        fail,
      ),
      unknownKeyQueue: nonNegative('deviceKeys.unknownKeyQueue', deviceKeys.unknownKeyQueue ?? 16, fail),
    };
  }
  if (apiKeys) {
    if (deviceKeys) fail('apiKeys', 'cannot be combined with deviceKeys (both use the ApiKey scheme)');
    if (typeof apiKeys.verifier !== 'function') fail('apiKeys.verifier', 'must be a function');
    const ttl = (name: 'cacheTtlMs' | 'negativeCacheTtlMs', fallback: number) => {
      const value = positive(`apiKeys.${name}`, apiKeys[name] ?? fallback, fail);
      return value > MAX_DEVICE_KEY_CACHE_TTL_MS
        ? fail(`apiKeys.${name}`, `must be at most ${MAX_DEVICE_KEY_CACHE_TTL_MS}`)
        : value;
    };
    resolved.apiKeys = {
      verifier: apiKeys.verifier,
      cacheTtlMs: ttl('cacheTtlMs', 15_000),
      negativeCacheTtlMs: ttl('negativeCacheTtlMs', 5000),
      cacheSize: positive('apiKeys.cacheSize', apiKeys.cacheSize ?? 10_000, fail),
      knownKeyTtlMs: positive('apiKeys.knownKeyTtlMs', apiKeys.knownKeyTtlMs ?? 86_400_000, fail),
      failedAttemptsBurst: positive('apiKeys.failedAttemptsBurst', apiKeys.failedAttemptsBurst ?? 10, fail),
      failedAttemptsPerMinute: positive(
        'apiKeys.failedAttemptsPerMinute',
        apiKeys.failedAttemptsPerMinute ?? 10,
        fail,
      ),
      unknownKeyConcurrency: positive(
        'apiKeys.unknownKeyConcurrency',
        apiKeys.unknownKeyConcurrency ?? 8,
        fail,
      ),
      unknownKeyQueue: nonNegative('apiKeys.unknownKeyQueue', apiKeys.unknownKeyQueue ?? 16, fail),
    };
  }
  return resolved;
}

function nonNegative(name: string, value: number, fail: (name: string, why: string) => never): number {
  return Number.isFinite(value) && value >= 0 ? value : fail(name, 'must be a number ≥ 0');
}

function positive(name: string, value: number, fail: (name: string, why: string) => never): number {
  return Number.isFinite(value) && value > 0 ? value : fail(name, 'must be a number > 0');
}

function clientClaimOf(rule: string | undefined, fail: (name: string, why: string) => never): string {
  const value = rule ?? 'client_id';
  return /^[A-Za-z0-9_:.-]+(=[\x21-\x7e]+)?$/.test(value)
    ? value
    : fail('jwt.clientClaim', 'must be "claim", "claim=value" or "claim=*"');
}
