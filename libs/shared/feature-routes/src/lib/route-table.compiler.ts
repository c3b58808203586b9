import { createHash } from 'node:crypto';
import type { RouteMethods } from '@concierge/shared/feature-gateway-core';
import type { CompiledRoute } from './compiled-route';
import { createRouteHandler, type RouteHandlerDeps } from './route-handler';
import { compileRoutes, routeEntryName, RoutesFileError } from './routes-file.loader';
import { RouteTable, routerPath, type TableRouterOptions } from './route-table';

/** What a routes document is checked and compiled against: the same at start-up and on every reload. */
export interface TableCompilerContext {
  services: Readonly<Record<string, string>>;
  knownScopes: readonly string[];
  deps: RouteHandlerDeps;
  /** The methods the dispatcher serves (a route naming another cannot be reached). */
  dispatchedMethods: ReadonlySet<string>;
  routerOptions?: TableRouterOptions;
}

/** JSON with object keys sorted: the same routes give the same version, whatever the file's layout. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `sha256:<hex>` of the canonical document. */
function versionOf(document: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(document)).digest('hex')}`;
}

/**
 * Turns a parsed routes document into a `RouteTable`, or throws `RoutesFileError` with one line per
 * problem naming the entry: the schema, conflicts between the routes, scopes and services
 * (`compileRoutes`); what the gateway lacks for a route (an authenticator, a cache, a rate limiter) and
 * bad rate-limit policies; methods and paths controllers already take (`routeMethods`, when given).
 * Start-up and reloads go through this one function, so a file that could not start the gateway cannot
 * be reloaded into it either.
 */
export function compileTable(
  document: unknown,
  source: string,
  context: TableCompilerContext,
  routeMethods?: RouteMethods,
): RouteTable {
  const routes = compileRoutes(document, {
    services: context.services,
    knownScopes: context.knownScopes,
    source,
  });
  const problems = [
    ...missingCapabilities(routes, context),
    ...(routeMethods ? collisions(routes, routeMethods) : []),
  ];
  if (problems.length > 0) throw new RoutesFileError(source, problems);
  const entries = routes.map((route) => ({ route, handle: createRouteHandler(route, context.deps) }));
  return new RouteTable(
    entries,
    { version: versionOf(document), loadedAt: new Date(), source },
    context.routerOptions,
  );
}

/** The table's routes as candidates for `RouteMethods.conflictsOf`. */
function collisions(routes: readonly CompiledRoute[], routeMethods: RouteMethods): string[] {
  return routeMethods.conflictsOf(
    routes.map((route) => ({
      url: routerPath(route),
      methods: route.methods,
      label: routeEntryName(route.index, route.definition.id),
    })),
  );
}

function missingCapabilities(routes: readonly CompiledRoute[], context: TableCompilerContext): string[] {
  const { deps, dispatchedMethods } = context;
  const problems: string[] = [];
  for (const route of routes) {
    const name = routeEntryName(route.index, route.definition.id);
    if (route.auth.kind !== 'public' && !deps.authenticate)
      problems.push(
        `${name}.auth: requires authentication, but no authenticator is configured (import AuthModule)`,
      );
    if (route.cache?.enabled && !deps.cache)
      problems.push(
        `${name}.cache: caching is enabled, but no response cache is configured (import ResponseCacheModule)`,
      );
    if (route.rateLimit !== undefined && route.rateLimit !== 'off' && !deps.rateLimiter)
      problems.push(
        `${name}.rateLimit: a policy is named, but no rate limiter is configured (import RateLimitModule)`,
      );
    try {
      deps.rateLimiter?.compile(route.rateLimit, route.id);
    } catch (error) {
      problems.push(`${name}.rateLimit: ${(error as Error).message}`);
    }
    const undispatched = route.methods.filter((method) => !dispatchedMethods.has(method));
    if (undispatched.length > 0)
      problems.push(
        `${name}.methods: ${undispatched.join(', ')} cannot be declared here (another catch-all of the gateway, e.g. the CORS preflight, answers it)`,
      );
  }
  return problems;
}
