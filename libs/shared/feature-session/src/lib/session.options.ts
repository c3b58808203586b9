/** Something that can be asked whether this process can serve (the gateway core's `ReadinessService`). */
export interface ReadinessRegistry {
  register(name: string, check: () => boolean | Promise<boolean>, options?: { required?: boolean }): void;
}

/** The OpenID provider the gateway signs users in with, and the gateway's client registration there. */
export interface OidcProviderOptions {
  /** The issuer; its `/.well-known/openid-configuration` gives every endpoint. */
  issuer: string;
  clientId: string;
  /** The confidential client's secret (client_secret_basic). */
  clientSecret: string;
  /** Scopes to ask for. Default `openid profile offline_access` plus the API scopes the gateway needs. */
  scope?: string;
}

/** Options of `SessionModule.forRoot` / `forRootAsync`. Sessions are off when `oidc` is undefined. */
export interface SessionModuleOptions {
  oidc?: OidcProviderOptions;
  /** The origin browsers reach the gateway by (`https://app.example.com`); redirects and CSRF checks use it. */
  publicOrigin?: string;
  /** At least 32 characters; keys the encryption of the sign-in cookie and of tokens at rest. */
  sessionSecret?: string;
  /** Other origins allowed to call with the session (the gateway's CORS allow-list). */
  allowedOrigins?: readonly string[];
  /** Sessions in Redis, shared by every replica; in process when neither this nor `redisClusterNodes` is set. */
  redisUrl?: string;
  /** Seed nodes (`host:port`) of a Redis Cluster for the sessions; wins over `redisUrl` (whose credentials and TLS it uses). */
  redisClusterNodes?: readonly string[];
  /** How long one Redis command may wait, in ms. Default 250. */
  redisCommandTimeoutMs?: number;
  /** Prefix of every Redis key. Default `session:`. */
  keyPrefix?: string;
  /** A session unused this long ends. Default 1800 s. */
  idleTimeoutSec?: number;
  /** A session ends this long after sign-in whatever happens (and never after its refresh token). Default 28800 s. */
  absoluteTimeoutSec?: number;
  /** Deadline of each call to the OpenID provider. Default 5000 ms. */
  providerTimeoutMs?: number;
  /**
   * Where Redis reachability is reported, as degraded: without Redis no session can be served (503 for
   * cookie requests), but bearer-token requests are, so the replica stays in its load balancer.
   */
  readiness?: ReadinessRegistry;
}

/** Options with defaults filled in, for an enabled module. */
export interface ResolvedSessionOptions {
  oidc: Required<OidcProviderOptions>;
  publicOrigin: string;
  sessionSecret: string;
  allowedOrigins: readonly string[];
  redisUrl?: string;
  redisClusterNodes?: readonly string[];
  redisCommandTimeoutMs: number;
  keyPrefix: string;
  idleTimeoutSec: number;
  absoluteTimeoutSec: number;
  providerTimeoutMs: number;
  readiness?: ReadinessRegistry;
}

const DEFAULT_SCOPE = 'openid profile offline_access profile:read catalog:read orders:read orders:write';

/** Undefined when sessions are off; else every option checked, failing fast with the option's name. */
export function resolveSessionOptions(options: SessionModuleOptions): ResolvedSessionOptions | undefined {
  if (!options.oidc) return undefined;
  const fail = (name: string, why: string): never => {
    throw new Error(`SessionModule: option "${name}" ${why}`);
  };
  const { oidc } = options;
  if (!/^https?:\/\/\S+$/.test(oidc.issuer ?? '')) fail('oidc.issuer', 'must be an http(s) URL');
  if (!oidc.clientId) fail('oidc.clientId', 'is required');
  if (!oidc.clientSecret) fail('oidc.clientSecret', 'is required');
  const publicOrigin = options.publicOrigin ?? fail('publicOrigin', 'is required with oidc');
  if (!/^https?:\/\/[^/\s?#]+$/.test(publicOrigin))
    fail('publicOrigin', 'must be an origin: scheme://host[:port], no path');
  const sessionSecret = options.sessionSecret ?? fail('sessionSecret', 'is required with oidc');
  if (sessionSecret.length < 32) fail('sessionSecret', 'must be at least 32 characters');
  const idleTimeoutSec = options.idleTimeoutSec ?? 1800;
  const absoluteTimeoutSec = options.absoluteTimeoutSec ?? 28_800;
  if (!(idleTimeoutSec > 0)) fail('idleTimeoutSec', 'must be > 0');
  if (!(absoluteTimeoutSec >= idleTimeoutSec)) fail('absoluteTimeoutSec', 'must be ≥ idleTimeoutSec');
  return {
    oidc: {
      issuer: oidc.issuer.replace(/\/+$/, ''),
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      scope: oidc.scope ?? DEFAULT_SCOPE,
    },
    publicOrigin,
    sessionSecret,
    allowedOrigins: [...(options.allowedOrigins ?? [])],
    redisUrl: options.redisUrl,
    redisClusterNodes: options.redisClusterNodes?.length ? options.redisClusterNodes : undefined,
    redisCommandTimeoutMs: options.redisCommandTimeoutMs ?? 250,
    keyPrefix: options.keyPrefix ?? 'session:',
    idleTimeoutSec,
    absoluteTimeoutSec,
    providerTimeoutMs: options.providerTimeoutMs ?? 5000,
    readiness: options.readiness,
  };
}
