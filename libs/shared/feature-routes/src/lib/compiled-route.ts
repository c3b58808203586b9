import type { PatternSegment } from './route-pattern';
import type { HttpMethod, RouteDefinition, RouteTransforms } from './routes.types';

/** The authentication a route requires, normalised. */
export type RouteAuthRequirement = { kind: 'public' } | PrincipalRequirement;

/**
 * The kinds of principal a route serves, each with the scopes it needs. `kind` and `scopes` are the
 * first of them (`user` when people or clients are served, else `device`), for docs and messages.
 */
export interface PrincipalRequirement {
  kind: 'user' | 'device';
  scopes: readonly string[];
  principals: Partial<Record<'user' | 'client' | 'device', readonly string[]>>;
}

/** A validated route with everything resolved that can be resolved before the first request. */
export interface CompiledRoute {
  /** Position in the file, for messages. */
  index: number;
  id: string;
  methods: HttpMethod[];
  path: string;
  segments: PatternSegment[];
  /** The upstream origin (`http://host:port`) and the path prefix of its base URL (`''` or `/v1`). */
  origin: string;
  basePath: string;
  /** The named service, when the upstream is one. */
  service?: string;
  rewrite: PatternSegment[];
  auth: RouteAuthRequirement;
  /** `undefined` means the gateway's default policy; `'off'` disables limiting. */
  rateLimit?: string;
  cache?: { enabled: boolean; perPrincipal: boolean };
  timeoutMs?: number;
  /** `pass`: upstream error bodies go to the client as they are; otherwise the gateway's problem. */
  upstreamErrors: 'problem' | 'pass';
  /** Whether the caller's bearer token is relayed upstream. */
  relayToken: boolean;
  bodyLimitBytes?: number;
  transforms: RouteTransforms;
  /** The declaration as written, for OpenAPI. */
  definition: RouteDefinition;
}
