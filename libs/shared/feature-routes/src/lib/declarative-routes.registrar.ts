import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Agent } from 'undici';
import {
  SharedPoolsDispatcher,
  UpstreamEvents,
  UpstreamRegistry,
} from '@concierge/shared/data-access-service-clients';
import { Authenticator } from '@concierge/shared/feature-auth';
import { AdminEndpoints, routeMethodsOf, type RouteMethods } from '@concierge/shared/feature-gateway-core';
import { ResponseCache } from '@concierge/shared/feature-cache';
import {
  RATE_LIMIT_OPTIONS,
  RateLimiter,
  type ResolvedRateLimitOptions,
} from '@concierge/shared/feature-rate-limit';
import { problem, PROBLEM_CONTENT_TYPE } from '@concierge/shared/util-http';
import type { CompiledRoute } from './compiled-route';
import { authenticateWith } from './auth.adapter';
import { rateLimitWith } from './rate-limit.adapter';
import { DECLARATIVE_ROUTES_OPTIONS } from './declarative-routes.module-definition';
import type { DeclarativeRoutesOptions, RouteAuthenticate } from './declarative-routes.options';
import { openApiPathsOf, type OpenApiPaths } from './openapi-paths';
import type { RouteHandlerDeps } from './route-handler';
import { registerRouteDispatcher } from './route-dispatcher';
import type { RouteTable } from './route-table';
import { compileTable, type TableCompilerContext } from './route-table.compiler';
import { routesAdminView, type ReloadOutcome } from './routes-admin.view';
import { readRoutesDocument, RoutesFileError } from './routes-file.loader';
import { RoutesReloadMetrics } from './routes-reload.metrics';
import { RoutesReloadTriggers, type ReloadTrigger } from './routes-reload.triggers';
import { ROUTE_METHODS } from './routes.schema';

const ROUTES_OPTION = 'routes option';

/**
 * Owns the declared routes: loads and validates the routes file at module init (a bad file stops start-up
 * with a message naming the entry), serves it behind one catch-all dispatcher (`registerRouteDispatcher`)
 * and reloads it without a restart — on SIGHUP, `POST /admin/reload`, and file changes when `watch` is on.
 * A reload goes through exactly the start-up validation (`compileTable`, with the controllers' routes
 * known) and swaps the whole table at once; a bad file leaves the old table serving, is logged in one
 * line naming the entry, counted (`concierge_routes_reload_total{result}`) and shown on `/admin/routes`.
 */
@Injectable()
export class DeclarativeRoutesRegistrar implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DeclarativeRoutes');
  private table!: RouteTable;
  private lastReload?: ReloadOutcome;
  private context!: TableCompilerContext;
  private routeMethods?: RouteMethods;
  private triggers?: RoutesReloadTriggers;
  private metrics?: RoutesReloadMetrics;
  private agent?: Agent;

  constructor(
    @Inject(DECLARATIVE_ROUTES_OPTIONS) private readonly options: DeclarativeRoutesOptions,
    private readonly adapterHost: HttpAdapterHost,
    @Optional() private readonly authenticator?: Authenticator,
    @Optional() private readonly rateLimiter?: RateLimiter,
    @Optional() @Inject(RATE_LIMIT_OPTIONS) private readonly rateLimitOptions?: ResolvedRateLimitOptions,
    @Optional() private readonly responseCache?: ResponseCache,
    @Optional() private readonly upstreams?: UpstreamRegistry,
    @Optional() private readonly adminEndpoints?: AdminEndpoints,
    @Optional() private readonly sharedPools?: SharedPoolsDispatcher,
  ) {}

  /** The declared routes of the live table, validated and compiled. */
  get routes(): readonly CompiledRoute[] {
    return this.table.routes;
  }

  /** The live table (each request is served wholly by the one it looked itself up in). */
  get current(): RouteTable {
    return this.table;
  }

  /** The declared routes as OpenAPI path items, for the API docs. */
  openApiPaths(): OpenApiPaths {
    return openApiPathsOf(this.table.routes);
  }

  /** The live table's version: the API docs are rebuilt when it changes. */
  openApiVersion(): string {
    return this.table.version;
  }

  onModuleInit(): void {
    const { options } = this;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const deps = this.handlerDeps();
    const {
      caseSensitive,
      ignoreTrailingSlash,
      ignoreDuplicateSlashes,
      maxParamLength,
      useSemicolonDelimiter,
    } = fastify.initialConfig;
    // Every method until the dispatcher knows which another catch-all already answers.
    const dispatchedMethods = new Set<string>(ROUTE_METHODS);
    this.context = {
      services: options.services,
      knownScopes: options.knownScopes,
      deps,
      dispatchedMethods,
      routerOptions: {
        caseSensitive,
        ignoreTrailingSlash,
        ignoreDuplicateSlashes,
        maxParamLength,
        useSemicolonDelimiter,
      },
    };
    const document = this.readDocument();
    this.table = compileTable(document, this.source, this.context);
    this.routeMethods = routeMethodsOf(fastify);
    this.routeMethods?.setLive({ allowedAt: (path) => this.table.allowedAt(path) });
    registerRouteDispatcher(fastify, {
      current: () => this.table,
      methods: dispatchedMethods,
    });
    // Every route of the gateway is registered by now: the first table is checked against them as every
    // reload will be, and start-up stops on a collision before listening.
    fastify.addHook('onReady', async () => {
      this.table = compileTable(document, this.source, this.context, this.routeMethods);
      this.triggers = new RoutesReloadTriggers((trigger) => this.reload(trigger), {
        watchFile: options.watch ? options.routesFile : undefined,
        debounceMs: options.watchDebounceMs ?? 250,
      });
      if (options.reloadOnSignal !== false) this.triggers.start();
    });
    this.metrics = new RoutesReloadMetrics();
    this.addAdminEndpoints();
    this.logger.log(
      `${this.table.entries.length} declared route(s) from ${this.source}, version ${this.table.version}`,
    );
  }

  /**
   * Reads the routes file again and, when it passes every start-up check, serves it from now on;
   * otherwise keeps the live table. Synchronous: no request can see a table half built.
   */
  reload(trigger: ReloadTrigger): ReloadOutcome {
    const at = new Date().toISOString();
    let outcome: ReloadOutcome;
    try {
      const table = compileTable(this.readDocument(), this.source, this.context, this.routeMethods);
      this.table = table;
      outcome = { result: 'ok', trigger, at, version: table.version };
      this.logger.log(
        `routes reloaded (${trigger}) from ${this.source}: ${table.entries.length} route(s), version ${table.version}`,
      );
      this.metrics?.count('success');
    } catch (error) {
      const problems = error instanceof RoutesFileError ? error.problems : [(error as Error).message];
      const line = `routes reload (${trigger}) refused, still serving ${this.table.version}: ${this.source}: ${problems.join('; ')}`;
      this.logger.error(line);
      this.metrics?.count('error');
      outcome = { result: 'error', trigger, at, version: this.table.version, error: line, problems };
    }
    this.lastReload = outcome;
    return outcome;
  }

  async onApplicationShutdown(): Promise<void> {
    this.triggers?.stop();
    await this.agent?.close();
  }

  private get source(): string {
    return this.options.routesFile ?? ROUTES_OPTION;
  }

  private readDocument(): unknown {
    return this.options.routesFile
      ? readRoutesDocument(this.options.routesFile)
      : (this.options.routes ?? { routes: [] });
  }

  private addAdminEndpoints(): void {
    const endpoints = this.adminEndpoints;
    if (!endpoints) return;
    endpoints.add({
      method: 'GET',
      url: '/admin/routes',
      handler: () => routesAdminView(this.table, this.lastReload),
    });
    endpoints.add({
      method: 'POST',
      url: '/admin/reload',
      handler: (_request, reply: FastifyReply) => {
        const outcome = this.reload('admin');
        if (outcome.result === 'ok') return outcome;
        const refused = problem(422, outcome.error, {
          type: 'routes-reload-refused',
          instance: '/admin/reload',
          problems: outcome.problems,
          version: outcome.version,
        });
        return reply.code(422).type(PROBLEM_CONTENT_TYPE).send(refused);
      },
    });
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
    // The service clients' keep-alive pools when the app has them (one pool per upstream for both kinds
    // of route); without them (routes only), the routes' own agent, closed at shutdown.
    const agent =
      this.sharedPools ??
      (this.agent = new Agent({
        connections: options.connections ?? 64,
        pipelining: 1,
        keepAliveTimeout: 4_000,
      }));
    // The service clients' registry when the app has one: a declared route and a controller calling the
    // same service share its breaker and bulkhead. Without it (routes only), the routes' own.
    const upstreams =
      this.upstreams ??
      new UpstreamRegistry(
        { services: {}, defaults: { timeoutMs: options.defaultTimeoutMs } },
        new UpstreamEvents(),
      );
    return {
      agent,
      upstreamOf: (route) =>
        upstreams.ensure(route.service ?? new URL(route.origin).host, route.origin + route.basePath),
      via: options.via ?? 'concierge',
      defaultTimeoutMs: options.defaultTimeoutMs ?? 2_000,
      defaultBodyLimitBytes: options.defaultBodyLimitBytes ?? 1_048_576,
      maxBufferedResponseBytes: options.maxBufferedResponseBytes ?? 10 * 1_048_576,
      authenticate,
      rateLimiter,
      cache: options.cache ?? this.responseCache,
    };
  }
}
