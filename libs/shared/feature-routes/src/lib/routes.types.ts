/** What a routes file declares, after validation. Field names are the file's own. */
export interface RoutesDocument {
  routes: RouteDefinition[];
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** One declared pass-through route. */
export interface RouteDefinition {
  /** A name for logs, metrics and OpenAPI (`operationId`); defaults to `METHOD path`. */
  id?: string;
  summary?: string;
  methods: HttpMethod[];
  /** The gateway path: static segments, `:param` segments and an optional trailing `*`. */
  path: string;
  upstream: UpstreamDefinition;
  auth: RouteAuth;
  /** A policy such as `100/60s` (or `100/60s,burst=20`), `default` for the gateway's default, or `off`. */
  rateLimit?: string;
  cache?: { enabled: boolean; perPrincipal?: boolean };
  timeoutMs?: number;
  bodyLimitBytes?: number;
  transforms?: RouteTransforms;
}

export type UpstreamDefinition = ({ service: string } | { url: string }) & {
  /** The upstream path, using the route's `:params` and `*`; defaults to the gateway path. */
  rewrite?: string;
};

export type RouteAuth = 'public' | { user: { scopes: string[] } } | { device: { scopes: string[] } };

export interface RouteTransforms {
  request?: RequestTransforms;
  response?: ResponseTransforms;
}

export interface HeaderTransforms {
  set?: Record<string, string>;
  remove?: string[];
  rename?: Record<string, string>;
}

export interface RequestTransforms {
  headers?: HeaderTransforms;
  query?: {
    /** Renames query parameters (`{ q: 'search' }`). */
    rename?: Record<string, string>;
    remove?: string[];
    set?: Record<string, string>;
    /** Only these are passed on (after renaming). */
    allow?: string[];
  };
}

export interface ResponseTransforms {
  headers?: Omit<HeaderTransforms, 'rename'>;
  body?: BodyTransforms;
}

/**
 * JSON body shaping, in this order: `target`, `flatten`, `allow`, `deny`, `rename`, `wrap`. Paths are dot
 * paths; `*` stands for every element of an array (`items.*.price`). A top-level array is shaped element
 * by element.
 */
export interface BodyTransforms {
  /** The body becomes the value at this path (KrakenD's `target`). */
  target?: string;
  /** Collects every value at a `*` path into one flat array stored under `as` (KrakenD's flatmap). */
  flatten?: { path: string; as: string };
  allow?: string[];
  deny?: string[];
  /** `{ 'from.path': 'to.path' }` (KrakenD's `mapping`). */
  rename?: Record<string, string>;
  /** The body is wrapped under this key (`{ key: body }`). */
  wrap?: string;
}
