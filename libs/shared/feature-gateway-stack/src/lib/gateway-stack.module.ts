import { DynamicModule, Module } from '@nestjs/common';
import { SCOPES } from '@concierge/shared/util-contracts';
import { AuthModule, type ApiKeyOptions, type JwtAlgorithm } from '@concierge/shared/feature-auth';
import {
  ServiceClientsModule,
  UpstreamRegistry,
  declaredClients,
  serviceUrlsFrom,
} from '@concierge/shared/data-access-service-clients';
import { parseRateLimitPolicies, RateLimitModule } from '@concierge/shared/feature-rate-limit';
import { ResponseCacheModule } from '@concierge/shared/feature-cache';
import { DeclarativeRoutesModule } from '@concierge/shared/feature-routes';
import {
  GATEWAY_NAME,
  GatewayConfig,
  InvalidEnvironmentError,
  ReadinessService,
  UPSTREAM_STATUS_SOURCE,
} from '@concierge/shared/feature-gateway-core';
import { ObservabilityModule, tracingFromConfig } from '@concierge/shared/feature-observability';
import { parseClusterNodes } from '@concierge/shared/data-access-redis';
import type { GatewayStackOptions } from './gateway-stack.options';

/** `REDIS_CLUSTER_NODES` as a list (validated by the environment schema), or undefined when unset. */
function clusterNodesOf(nodes: string | undefined): string[] | undefined {
  return nodes ? parseClusterNodes(nodes) : undefined;
}

/** `RATE_LIMIT_DEFAULT`, checked here so that a typo stops start-up with the variable's name. */
function rateLimitDefault(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    parseRateLimitPolicies(value);
  } catch (error) {
    throw new InvalidEnvironmentError([
      `RATE_LIMIT_DEFAULT is not a rate-limit policy: ${(error as Error).message}`,
    ]);
  }
  return value;
}

/**
 * The shared libraries wired the way every Concierge gateway runs them, from the validated configuration:
 * authentication (global guard), service clients, rate limits and the response cache (in process, or in
 * Redis when `REDIS_URL` is set), the declarative routes of the app's routes file, and observability
 * (`GET /metrics`, OpenTelemetry traces when `OTEL_EXPORTER_OTLP_*` is set).
 *
 * Order matters: global guards run in the order their modules are imported, so `AuthModule` comes before
 * `RateLimitModule` (a caller is counted in their own bucket). Declared routes run the same two as steps,
 * in the same order, then the cache.
 */
@Module({})
export class GatewayStackModule {
  static forRoot(options: GatewayStackOptions): DynamicModule {
    const deviceKeys = options.deviceKeys;
    const apiKeys = options.apiKeys;
    const keyClient = deviceKeys?.client ?? apiKeys?.client;
    return {
      module: GatewayStackModule,
      // Global, so the gateway core's /health/upstreams finds the upstream registry.
      global: true,
      imports: [
        ServiceClientsModule.forRootAsync({
          clients: declaredClients(options.services),
          inject: [GatewayConfig],
          useFactory: ({ env }: GatewayConfig) => ({
            services: Object.fromEntries(
              Object.entries(serviceUrlsFrom(options.services, env)).map(([name, baseUrl]) => [
                name,
                { baseUrl },
              ]),
            ),
            transport: env.SERVICE_CLIENT_TRANSPORT,
            defaults: {
              timeoutMs: env.UPSTREAM_TIMEOUT_MS,
              connections: env.UPSTREAM_CONNECTIONS,
              breaker: {
                consecutiveFailures: env.UPSTREAM_BREAKER_FAILURES,
                halfOpenAfterMs: env.UPSTREAM_BREAKER_HALF_OPEN_MS,
              },
            },
          }),
        }),
        AuthModule.forRootAsync({
          inject: keyClient
            ? [GatewayConfig, ReadinessService, keyClient]
            : [GatewayConfig, ReadinessService],
          useFactory: ({ env }: GatewayConfig, readiness: ReadinessService, client?: unknown) => ({
            realm: options.realm,
            readiness,
            jwt: {
              jwksUri: env.JWT_JWKS_URI,
              issuer: env.JWT_ISSUER,
              audience: env.JWT_AUDIENCE,
              clockToleranceSec: env.JWT_CLOCK_TOLERANCE_SEC ?? options.clockToleranceSec ?? 5,
              hs256Secret: env.JWT_HS256_SECRET,
              algorithms: listOf(env.JWT_ALGORITHMS) as JwtAlgorithm[] | undefined,
              tokenTypes: listOf(env.JWT_TOKEN_TYPES),
              clientClaim: env.JWT_CLIENT_CLAIM,
              jwksMinMaxAgeMs: env.JWT_JWKS_MIN_MAX_AGE_SEC * 1000,
            },
            deviceKeys: deviceKeys
              ? {
                  verifier: (key: string, check: { known: boolean }) => deviceKeys.verify(client, key, check),
                  cacheTtlMs: env.DEVICE_KEY_CACHE_TTL_MS,
                }
              : undefined,
            apiKeys: apiKeys ? apiKeyOptions(apiKeys, client, env) : undefined,
          }),
        }),
        RateLimitModule.forRootAsync({
          inject: [GatewayConfig, GATEWAY_NAME, ReadinessService],
          useFactory: ({ env }: GatewayConfig, name: string, readiness: ReadinessService) => ({
            default: rateLimitDefault(env.RATE_LIMIT_DEFAULT) ?? options.defaultRateLimit,
            redisUrl: env.REDIS_URL,
            redisClusterNodes: clusterNodesOf(env.REDIS_CLUSTER_NODES),
            failMode: env.RATE_LIMIT_FAIL_MODE,
            redisCommandTimeoutMs: env.RATE_LIMIT_REDIS_TIMEOUT_MS,
            keyBy: options.rateLimitKeyBy,
            trustedProxies: env.TRUSTED_PROXIES.split(',')
              .map((entry) => entry.trim())
              .filter(Boolean),
            prefix: `${env.REDIS_KEY_PREFIX}rl:${name}:`,
            readiness,
          }),
        }),
        ResponseCacheModule.forRootAsync({
          inject: [GatewayConfig, GATEWAY_NAME],
          useFactory: ({ env }: GatewayConfig, name: string) => {
            // Its own Redis when given one: an evicting cache must never share memory with limits and sessions.
            // REDIS_CACHE_URL, else the Cluster when there is one, else REDIS_URL.
            const redisClusterNodes = env.REDIS_CACHE_URL
              ? undefined
              : clusterNodesOf(env.REDIS_CLUSTER_NODES);
            const redisUrl = env.REDIS_CACHE_URL ?? env.REDIS_URL;
            return {
              store: redisUrl || redisClusterNodes ? 'redis' : 'memory',
              redisUrl,
              redisClusterNodes,
              maxBytes: env.CACHE_MAX_BYTES,
              keyPrefix: `${env.REDIS_KEY_PREFIX}cache:${name}:`,
              // RFC 9211: a cache's member names that cache; each gateway's cache is its own (own keys).
              name,
            };
          },
        }),
        DeclarativeRoutesModule.forRootAsync({
          inject: [GatewayConfig],
          useFactory: ({ env }: GatewayConfig) => ({
            routesFile: env.ROUTES_FILE ?? options.routesFile,
            watch: env.ROUTES_WATCH,
            services: serviceUrlsFrom(options.services, env),
            knownScopes: SCOPES,
            defaultTimeoutMs: env.UPSTREAM_TIMEOUT_MS,
            defaultBodyLimitBytes: env.BODY_LIMIT_BYTES,
            connections: env.UPSTREAM_CONNECTIONS,
          }),
        }),
        // GET /metrics; traces only when an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_*).
        ObservabilityModule.forRootAsync({
          inject: [GatewayConfig],
          useFactory: ({ env }: GatewayConfig) => ({
            tracing: tracingFromConfig(
              (name) => (env as unknown as Record<string, string | undefined>)[name],
            ),
          }),
        }),
      ],
      providers: [{ provide: UPSTREAM_STATUS_SOURCE, useExisting: UpstreamRegistry }],
      exports: [UPSTREAM_STATUS_SOURCE],
    };
  }
}

/** A comma-separated variable as a list; undefined when unset. */
function listOf(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The auth library's API-key options: the app's check, and its failed-attempt budget when it sets one. */
function apiKeyOptions(
  apiKeys: NonNullable<GatewayStackOptions['apiKeys']>,
  client: unknown,
  env: Record<string, unknown>,
): ApiKeyOptions {
  const budget = apiKeys.failedAttempts?.(env);
  return {
    verifier: (key: string) => apiKeys.verify(client, key),
    ...(budget ? { failedAttemptsBurst: budget.burst, failedAttemptsPerMinute: budget.perMinute } : {}),
  };
}
