import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';

/** Two routes claim the same method and path: found as the second registers, before the gateway listens. */
export class RouteCollisionError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly first: string,
    readonly second: string,
  ) {
    super(`${second}: ${method} ${url} is already ${first}`);
    this.name = RouteCollisionError.name;
  }
}

interface RegisteredPath {
  matches: RegExp;
  methods: Map<string, string>;
}

/** How a route names itself in a collision: `config.label` when it gives one (a declared route does). */
function labelOf(route: RouteOptions): string {
  const label = (route.config as { label?: unknown } | undefined)?.label;
  return typeof label === 'string' ? label : `the route ${[route.method].flat().join(',')} ${route.url}`;
}

/** `/a/:id/*` as a pattern that matches concrete paths (`::` is a literal colon, as in find-my-way). */
function pathPattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':') && !segment.startsWith('::')) return '[^/]+';
      return segment.replace(/::/g, ':').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

/** Parameter names do not make two routes different: `/a/:id` and `/a/:key` are the same route. */
function shapeOf(url: string): string {
  return url.replace(/(^|\/):(?!:)[^/]+/g, '$1:');
}

/**
 * Every method registered for every path, whoever registered it (a controller or a declared route), so
 * that a path known for other methods answers 405 with `Allow`, and a second route for a method and path
 * already taken stops start-up with both named, instead of Fastify's raw error once the gateway is up.
 */
export class RouteMethods {
  private readonly paths = new Map<string, RegisteredPath>();

  add(route: RouteOptions): void {
    // Versioned or constrained routes may share a path by design; Fastify itself tells those apart.
    if (route.constraints && Object.keys(route.constraints).length > 0) return;
    // A catch-all (CORS's `OPTIONS *` preflight route) claims every path and says nothing about which
    // resources exist: counting it would turn every unknown path's 404 into a 405.
    if (route.url === '*' || route.url === '/*') return;
    const shape = shapeOf(route.url);
    let registered = this.paths.get(shape);
    if (!registered) {
      registered = { matches: pathPattern(route.url), methods: new Map() };
      this.paths.set(shape, registered);
    }
    const label = labelOf(route);
    for (const method of [route.method].flat()) {
      const first = registered.methods.get(method);
      // Fastify adds a HEAD to each GET by itself; only a second explicit route is a collision.
      if (first !== undefined && method !== 'HEAD')
        throw new RouteCollisionError(method, route.url, first, label);
      if (first === undefined) registered.methods.set(method, label);
    }
  }

  /** The methods some route accepts at `path` (a concrete path, no query), sorted. */
  allowedAt(path: string): string[] {
    const methods = new Set<string>();
    for (const { matches, methods: registered } of this.paths.values()) {
      if (matches.test(path)) for (const method of registered.keys()) methods.add(method);
    }
    return [...methods].sort();
  }
}

const ROUTE_METHODS = Symbol('routeMethods');

/** Records every route registered from now on (on `fastify` and every context inside it). */
export function installRouteMethods(fastify: FastifyInstance): RouteMethods {
  const registry = new RouteMethods();
  fastify.decorate(ROUTE_METHODS, registry);
  fastify.addHook('onRoute', (route) => registry.add(route));
  return registry;
}

/** The methods the gateway serves at the request's path; empty when it serves none there (a real 404). */
export function allowedMethodsFor(request: FastifyRequest): string[] {
  const registry = (request.server as unknown as { [ROUTE_METHODS]?: RouteMethods })[ROUTE_METHODS];
  if (!registry) return [];
  const url = request.raw.url ?? '/';
  const query = url.indexOf('?');
  return registry.allowedAt(query === -1 ? url : url.slice(0, query));
}
