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
  url: string;
  matches: RegExp;
  methods: Map<string, string>;
}

/**
 * Routes that live outside Fastify's router (the declared routes' table, swapped at runtime behind one
 * catch-all): asked for the methods they serve at a path, so 405 + `Allow` follows the live table.
 */
export interface LiveRouteMethods {
  allowedAt(path: string): readonly string[];
}

/** A route about to be served by a live table, checked against the routes Fastify has. */
export interface CandidateRoute {
  /** Fastify's syntax (`/a/:id/*`, `::` a literal colon). */
  url: string;
  methods: readonly string[];
  /** How messages name it (`routes[1] "catalog-product"`). */
  label: string;
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
  private live?: LiveRouteMethods;

  /** The live table whose methods count as well (replaces the previous one). */
  setLive(source: LiveRouteMethods): void {
    this.live = source;
  }

  add(route: RouteOptions): void {
    // Versioned or constrained routes may share a path by design; Fastify itself tells those apart.
    if (route.constraints && Object.keys(route.constraints).length > 0) return;
    // A catch-all (CORS's `OPTIONS *` preflight route) claims every path and says nothing about which
    // resources exist: counting it would turn every unknown path's 404 into a 405.
    if (route.url === '*' || route.url === '/*') return;
    const shape = shapeOf(route.url);
    let registered = this.paths.get(shape);
    if (!registered) {
      registered = { url: route.url, matches: pathPattern(route.url), methods: new Map() };
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
    if (this.live) for (const method of this.live.allowedAt(path)) methods.add(method);
    return [...methods].sort();
  }

  /**
   * What serving `candidates` behind a catch-all would break, one line per problem naming the candidate:
   * a method and path some registered route already takes, or a path a registered route would take away
   * from it (Fastify's router prefers a registered `/a/:id` to the catch-all, so a declared `/a/b` would
   * never be reached, though registered on its own it would have won).
   */
  conflictsOf(candidates: readonly CandidateRoute[]): string[] {
    const problems: string[] = [];
    for (const candidate of candidates) {
      const shape = shapeOf(candidate.url);
      for (const registered of this.paths.values()) {
        const same = shapeOf(registered.url) === shape;
        if (!same && !shadows(registered.url, candidate.url)) continue;
        for (const method of candidate.methods) {
          const first = registered.methods.get(method);
          if (first === undefined) continue;
          problems.push(
            same
              ? new RouteCollisionError(method, candidate.url, first, candidate.label).message
              : `${candidate.label}: ${method} ${candidate.url} would be shadowed by ${first} (${method} ${registered.url}), which takes the same requests first`,
          );
          break;
        }
      }
    }
    return problems;
  }
}

type SegmentKind = 'static' | 'param' | 'wildcard';

function kindOf(segment: string): SegmentKind {
  if (segment === '*') return 'wildcard';
  return segment.replace(/::/g, '').includes(':') ? 'param' : 'static';
}

/** Whether some concrete path matches both patterns (split into segments). */
function compatible(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; ; i++) {
    if (i === a.length || i === b.length) return a.length === b.length;
    const ka = kindOf(a[i]);
    const kb = kindOf(b[i]);
    if (ka === 'wildcard' || kb === 'wildcard') return true;
    if (ka === 'static' && kb === 'static' && a[i] !== b[i]) return false;
  }
}

/**
 * Whether `registered` takes some request `candidate` matches although `candidate` is the more specific
 * of the two at the first segment where they differ (a static segment against a parameter, anything
 * against a wildcard): registered side by side, the router would have given that request to `candidate`.
 */
function shadows(registered: string, candidate: string): boolean {
  const r = registered.split('/');
  const c = candidate.split('/');
  for (let i = 0; i < r.length && i < c.length; i++) {
    const kr = kindOf(r[i]);
    const kc = kindOf(c[i]);
    if (kr === 'wildcard') return kc !== 'wildcard';
    if (kc === 'wildcard') return false;
    if (kr === 'static' && kc === 'static') {
      if (r[i] !== c[i]) return false;
      continue;
    }
    if (kr === kc) continue;
    // A static segment of the registered route is tried first either way; a parameter against the
    // candidate's static segment loses to it only when registered side by side.
    return kr === 'param' && compatible(r.slice(i + 1), c.slice(i + 1));
  }
  return false;
}

const ROUTE_METHODS = Symbol('routeMethods');

/** Records every route registered from now on (on `fastify` and every context inside it). */
export function installRouteMethods(fastify: FastifyInstance): RouteMethods {
  const registry = new RouteMethods();
  fastify.decorate(ROUTE_METHODS, registry);
  fastify.addHook('onRoute', (route) => registry.add(route));
  return registry;
}

/** The registry `installRouteMethods` put on `fastify`, if any (a bare Fastify instance has none). */
export function routeMethodsOf(fastify: FastifyInstance): RouteMethods | undefined {
  return (fastify as unknown as { [ROUTE_METHODS]?: RouteMethods })[ROUTE_METHODS];
}

/** The methods the gateway serves at the request's path; empty when it serves none there (a real 404). */
export function allowedMethodsFor(request: FastifyRequest): string[] {
  const registry = routeMethodsOf(request.server);
  if (!registry) return [];
  const url = request.raw.url ?? '/';
  const query = url.indexOf('?');
  return registry.allowedAt(query === -1 ? url : url.slice(0, query));
}
