import FindMyWay from 'find-my-way';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CompiledRoute } from './compiled-route';

/** A declared route's Fastify handler, compiled once for one table. */
export type RouteHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** One route of a table: its compiled declaration and the handler compiled from it. */
export interface TableEntry {
  route: CompiledRoute;
  handle: RouteHandler;
}

/** How the table's router reads paths: as the gateway's Fastify router does (its `initialConfig`). */
export interface TableRouterOptions {
  caseSensitive?: boolean;
  ignoreTrailingSlash?: boolean;
  ignoreDuplicateSlashes?: boolean;
  maxParamLength?: number;
  useSemicolonDelimiter?: boolean;
}

/** What identifies a table: the file's content and when it was loaded. */
export interface TableIdentity {
  /** `sha256:<hex>` of the canonical (key-sorted JSON) routes document. */
  version: string;
  loadedAt: Date;
  /** The file (or `routes option`) it was loaded from. */
  source: string;
}

/** find-my-way reads `:` inside a literal as a parameter; `::` is its escape. */
export function routerPath(route: CompiledRoute): string {
  if (route.segments.length === 0) return '/';
  return route.segments
    .map(
      (s) =>
        '/' + (s.kind === 'static' ? s.value.replace(/:/g, '::') : s.kind === 'param' ? `:${s.name}` : '*'),
    )
    .join('');
}

const noop = () => undefined;

/**
 * One immutable version of the declared routes: the routes, their compiled handlers, and a router of
 * their own (find-my-way, Fastify's router, so that paths match exactly as if each route were registered
 * on Fastify). The gateway serves from whichever table is current; a reload builds a whole new table and
 * swaps it in, and a request keeps the entry it looked up for its whole life.
 */
export class RouteTable {
  readonly version: string;
  readonly loadedAt: Date;
  readonly source: string;
  private readonly router: FindMyWay.Instance<FindMyWay.HTTPVersion.V1>;
  private readonly methods: readonly string[];

  constructor(
    readonly entries: readonly TableEntry[],
    identity: TableIdentity,
    routerOptions: TableRouterOptions = {},
  ) {
    this.version = identity.version;
    this.loadedAt = identity.loadedAt;
    this.source = identity.source;
    this.router = FindMyWay({ ...routerOptions, defaultRoute: noop });
    const methods = new Set<string>();
    for (const entry of entries) {
      for (const method of entry.route.methods) {
        this.router.on(method as FindMyWay.HTTPMethod, routerPath(entry.route), noop, entry);
        methods.add(method);
      }
    }
    this.methods = [...methods];
  }

  /** The declared routes, in file order. */
  get routes(): CompiledRoute[] {
    return this.entries.map((entry) => entry.route);
  }

  /** The entry serving `method` at `url` (path and query as sent), or undefined. The hot path: one lookup. */
  lookup(method: string, url: string): TableEntry | undefined {
    // Without its query: find-my-way would parse it into search parameters nobody reads (~100 ns of the
    // ~250 a lookup costs with one, measured on this machine).
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    return (this.router.find(method as FindMyWay.HTTPMethod, path)?.store as TableEntry | null) ?? undefined;
  }

  /** The methods this table serves at `path` (for 405 + `Allow`). */
  allowedAt(path: string): string[] {
    return this.methods.filter((method) => this.router.find(method as FindMyWay.HTTPMethod, path) !== null);
  }
}
