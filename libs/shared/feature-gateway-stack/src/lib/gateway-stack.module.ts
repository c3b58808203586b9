import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { firstValueFrom } from 'rxjs';
import { SCOPES } from '@concierge/shared/util-contracts';
import { AuthModule } from '@concierge/shared/feature-auth';
import {
  DevicesClient,
  ServiceClientsModule,
  UpstreamRegistry,
  type UpstreamServiceOptions,
} from '@concierge/shared/data-access-service-clients';
import { RateLimitModule } from '@concierge/shared/feature-rate-limit';
import { ResponseCacheModule } from '@concierge/shared/feature-cache';
import { DeclarativeRoutesModule } from '@concierge/shared/feature-routes';
import { GATEWAY_NAME, ReadinessService, UPSTREAM_STATUS_SOURCE } from '@concierge/shared/feature-gateway-core';
import { ObservabilityModule, tracingFromConfig } from '@concierge/shared/feature-observability';
import type { GatewayStackOptions } from './gateway-stack.options';
import { serviceUrls } from './service-urls';

/**
 * The shared libraries wired the way every Concierge gateway runs them, from the validated configuration:
 * authentication (global guard), service clients, rate limits and the response cache (in process, or in
 * Redis when `REDIS_URL` is set), the declarative routes of the app's routes file, and observability
 * (`GET /metrics`, OpenTelemetry traces when `OTEL_EXPORTER_OTLP_*` is set).
 *
 * Order matters: global guards run in the order their modules are imported, so `AuthModule` comes before
 * `RateLimitModule` (a caller is counted in their own bucket), and guards run before the cache's
 * interceptor (cached answers are limited too).
 */
@Module({})
export class GatewayStackModule {
  static forRoot(options: GatewayStackOptions): DynamicModule {
    return {
      module: GatewayStackModule,
      // Global, so the gateway core's /health/upstreams finds the upstream registry.
      global: true,
      imports: [
        ServiceClientsModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            services: Object.fromEntries(
              Object.entries(serviceUrls(config, options.services)).map(([name, baseUrl]) => [
                name,
                { baseUrl } satisfies UpstreamServiceOptions,
              ]),
            ),
            transport: config.getOrThrow<'undici' | 'axios' | 'stock-axios'>('SERVICE_CLIENT_TRANSPORT'),
            defaults: {
              timeoutMs: config.getOrThrow<number>('UPSTREAM_TIMEOUT_MS'),
              connections: config.getOrThrow<number>('UPSTREAM_CONNECTIONS'),
              breaker: {
                consecutiveFailures: config.getOrThrow<number>('UPSTREAM_BREAKER_FAILURES'),
                halfOpenAfterMs: config.getOrThrow<number>('UPSTREAM_BREAKER_HALF_OPEN_MS'),
              },
            },
          }),
        }),
        AuthModule.forRootAsync({
          inject: options.deviceKeys ? [ConfigService, DevicesClient] : [ConfigService],
          useFactory: (config: ConfigService, devices?: DevicesClient) => ({
            realm: options.realm,
            jwt: {
              jwksUri: config.getOrThrow<string>('JWT_JWKS_URI'),
              issuer: config.getOrThrow<string>('JWT_ISSUER'),
              audience: config.getOrThrow<string>('JWT_AUDIENCE'),
              clockToleranceSec: config.get<number>('JWT_CLOCK_TOLERANCE_SEC') ?? options.clockToleranceSec ?? 5,
              hs256Secret: config.get<string>('JWT_HS256_SECRET'),
            },
            deviceKeys: devices ? { verifier: (key: string) => firstValueFrom(devices.verifyKey(key)) } : undefined,
          }),
        }),
        RateLimitModule.forRootAsync({
          inject: [ConfigService, GATEWAY_NAME, ReadinessService],
          useFactory: (config: ConfigService, name: string, readiness: ReadinessService) => ({
            default: config.get<string>('RATE_LIMIT_DEFAULT') ?? options.defaultRateLimit,
            redisUrl: config.get<string>('REDIS_URL'),
            failMode: config.getOrThrow<'open' | 'closed'>('RATE_LIMIT_FAIL_MODE'),
            keyBy: options.rateLimitKeyBy,
            trustedProxies: config
              .getOrThrow<string>('TRUSTED_PROXIES')
              .split(',')
              .map((entry) => entry.trim())
              .filter(Boolean),
            prefix: `rl:${name}:`,
            readiness,
          }),
        }),
        ResponseCacheModule.forRootAsync({
          inject: [ConfigService, GATEWAY_NAME],
          useFactory: (config: ConfigService, name: string) => {
            // Its own Redis when given one: an evicting cache must never share memory with limits and sessions.
            const redisUrl = config.get<string>('REDIS_CACHE_URL') ?? config.get<string>('REDIS_URL');
            return {
              store: redisUrl ? 'redis' : 'memory',
              redisUrl,
              maxBytes: config.getOrThrow<number>('CACHE_MAX_BYTES'),
              keyPrefix: `cache:${name}:`,
              name: 'concierge',
            };
          },
        }),
        DeclarativeRoutesModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            routesFile: config.get<string>('ROUTES_FILE') ?? options.routesFile,
            services: serviceUrls(config, options.services),
            knownScopes: SCOPES,
            defaultTimeoutMs: config.getOrThrow<number>('UPSTREAM_TIMEOUT_MS'),
            defaultBodyLimitBytes: config.getOrThrow<number>('BODY_LIMIT_BYTES'),
            connections: config.getOrThrow<number>('UPSTREAM_CONNECTIONS'),
          }),
        }),
        // GET /metrics; traces only when an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_*).
        ObservabilityModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({ tracing: tracingFromConfig((name) => config.get(name)) }),
        }),
      ],
      providers: [{ provide: UPSTREAM_STATUS_SOURCE, useExisting: UpstreamRegistry }],
      exports: [UPSTREAM_STATUS_SOURCE],
    };
  }
}
