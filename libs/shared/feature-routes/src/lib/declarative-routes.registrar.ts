import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import replyFrom from '@fastify/reply-from';
import type { FastifyInstance } from 'fastify';
import { Agent } from 'undici';
import { UpstreamEvents, UpstreamRegistry } from '@concierge/shared/data-access-service-clients';
import { Authenticator } from '@concierge/shared/feature-auth';
import { ResponseCache } from '@concierge/shared/feature-cache';
import {
  RATE_LIMIT_OPTIONS,
  RateLimiter,
  type ResolvedRateLimitOptions,
} from '@concierge/shared/feature-rate-limit';
import type { CompiledRoute } from './compiled-route';
import { authenticateWith } from './auth.adapter';
import { rateLimitWith } from './rate-limit.adapter';
import { DECLARATIVE_ROUTES_OPTIONS } from './declarative-routes.module-definition';
import type { DeclarativeRoutesOptions, RouteAuthenticate } from './declarative-routes.options';
import { openApiPathsOf, type OpenApiPaths } from './openapi-paths';
import { createRouteHandler, type RouteHandlerDeps } from './route-handler';
import { compileRoutes, loadRoutesFile, routeEntryName, RoutesFileError } from './routes-file.loader';

/** find-my-way reads `:` inside a literal as a parameter; `::` is its escape. */
function fastifyPath(route: CompiledRoute): string {
  if (route.segments.length === 0) return '/';
  return route.segments
    .map(
      (s) =>
        '/' + (s.kind === 'static' ? s.value.replace(/:/g, '::') : s.kind === 'param' ? `:${s.name}` : '*'),
    )
    .join('');
}

/**
 * Loads and validates the routes at module init (a bad file stops start-up with a message naming the
 * entry) and registers them on the Fastify instance, in their own encapsulated context: bodies reach the
 * handler as raw streams (no parser buffers them), and `@fastify/reply-from` calls upstreams through one
 * keep-alive undici agent.
 */
@Injectable()
export class DeclarativeRoutesRegistrar implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DeclarativeRoutes');
  private compiled: CompiledRoute[] = [];
  private agent?: Agent;

  constructor(
    @Inject(DECLARATIVE_ROUTES_OPTIONS) private readonly options: DeclarativeRoutesOptions,
    private readonly adapterHost: HttpAdapterHost,
    @Optional() private readonly authenticator?: Authenticator,
    @Optional() private readonly rateLimiter?: RateLimiter,
    @Optional() @Inject(RATE_LIMIT_OPTIONS) private readonly rateLimitOptions?: ResolvedRateLimitOptions,
    @Optional() private readonly responseCache?: ResponseCache,
    @Optional() private readonly upstreams?: UpstreamRegistry,
  ) {}

  /** The declared routes, validated and compiled. */
  get routes(): readonly CompiledRoute[] {
    return this.compiled;
  }

  /** The declared routes as OpenAPI path items, for the API docs. */
  openApiPaths(): OpenApiPaths {
    return openApiPathsOf(this.compiled);
  }

  onModuleInit(): void {
    const { options } = this;
    const context = { services: options.services, knownScopes: options.knownScopes };
    this.compiled = options.routesFile
      ? loadRoutesFile(options.routesFile, context)
      : compileRoutes(options.routes ?? { routes: [] }, { ...context, source: 'routes option' });
    const deps = this.handlerDeps();
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const routes = this.compiled;
    // RFC 9110 §9.1: a route may declare any method Node's parser accepts (`PURGE`, `PROPFIND`, `QUERY`…);
    // Fastify routes only those it was told about. Such a method may carry a body.
    for (const method of new Set(routes.flatMap((route) => route.methods))) {
      if (!fastify.supportedMethods.includes(method)) fastify.addHttpMethod(method, { hasBody: true });
    }
    fastify.register(async (instance) => {
      instance.removeAllContentTypeParsers();
      // The body stays a stream: the handler pipes it upstream (or reads it within the route's limit).
      instance.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
      await instance.register(replyFrom, {
        undici: deps.agent,
        disableCache: true,
        disableRequestLogging: true,
      });
      for (const route of routes) {
        // `config.label` names the entry if the gateway finds this route colliding with another.
        const config: Record<string, unknown> = { label: routeEntryName(route.index, route.definition.id) };
        instance.route({
          method: route.methods,
          url: fastifyPath(route),
          exposeHeadRoute: false,
          config,
          handler: createRouteHandler(route, deps),
        });
      }
    });
    this.logger.log(`${routes.length} declared route(s) from ${options.routesFile ?? 'options'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.agent?.close();
  }

  private handlerDeps(): RouteHandlerDeps {
    const { options } = this;
    const authenticate: RouteAuthenticate | undefined =
      options.authenticate ?? (this.authenticator ? authenticateWith(this.authenticator) : undefined);
    const rateLimiter =
      options.rateLimiter ??
      (this.rateLimiter && this.rateLimitOptions
        ? rateLimitWith(this.rateLimiter, this.rateLimitOptions)
        : undefined);
    const cache = options.cache ?? this.responseCache;
    const source = options.routesFile ?? 'routes option';
    const problems: string[] = [];
    for (const route of this.compiled) {
      if (route.auth.kind !== 'public' && !authenticate) {
        problems.push(
          `${routeEntryName(route.index, route.definition.id)}.auth: requires authentication, but no authenticator is configured (import AuthModule)`,
        );
      }
      if (route.cache?.enabled && !cache) {
        problems.push(
          `${routeEntryName(route.index, route.definition.id)}.cache: caching is enabled, but no response cache is configured (import ResponseCacheModule)`,
        );
      }
      if (route.rateLimit !== undefined && route.rateLimit !== 'off' && !rateLimiter) {
        problems.push(
          `${routeEntryName(route.index, route.definition.id)}.rateLimit: a policy is named, but no rate limiter is configured (import RateLimitModule)`,
        );
      }
    }
    if (problems.length > 0) throw new RoutesFileError(source, problems);
    this.agent = new Agent({
      connections: options.connections ?? 64,
      pipelining: 1,
      keepAliveTimeout: 4_000,
    });
    // The service clients' registry when the app has one: a declared route and a controller calling the
    // same service share its breaker and bulkhead. Without it (routes only), the routes' own.
    const upstreams =
      this.upstreams ??
      new UpstreamRegistry(
        { services: {}, defaults: { timeoutMs: options.defaultTimeoutMs } },
        new UpstreamEvents(),
      );
    const deps: RouteHandlerDeps = {
      agent: this.agent,
      upstreamOf: (route) =>
        upstreams.ensure(route.service ?? new URL(route.origin).host, route.origin + route.basePath),
      via: options.via ?? 'concierge',
      defaultTimeoutMs: options.defaultTimeoutMs ?? 2_000,
      defaultBodyLimitBytes: options.defaultBodyLimitBytes ?? 1_048_576,
      maxBufferedResponseBytes: options.maxBufferedResponseBytes ?? 10 * 1_048_576,
      authenticate,
      rateLimiter,
      cache,
    };
    for (const route of this.compiled) {
      try {
        deps.rateLimiter?.compile(route.rateLimit, route.id);
      } catch (error) {
        problems.push(
          `${routeEntryName(route.index, route.definition.id)}.rateLimit: ${(error as Error).message}`,
        );
      }
    }
    if (problems.length > 0) throw new RoutesFileError(source, problems);
    return deps;
  }
}
