/**
 * Declarative pass-through routes for the gateways: a validated routes file (JSON or YAML), registered
 * straight on Fastify with streamed bodies, request/response transformations and proxy hygiene.
 */
export { DeclarativeRoutesModule } from './lib/declarative-routes.module';
export { DECLARATIVE_ROUTES_OPTIONS } from './lib/declarative-routes.module-definition';
export { DeclarativeRoutesRegistrar } from './lib/declarative-routes.registrar';
export type {
  DeclarativeRoutesOptions,
  RouteAuthenticate,
  RouteCaller,
  RouteRateLimiter,
  RouteRateVerdict,
  RouteCache,
  BufferedResponse,
} from './lib/declarative-routes.options';
export {
  loadRoutesFile,
  compileRoutes,
  RoutesFileError,
  type RoutesValidationContext,
} from './lib/routes-file.loader';
export { routesFileSchema } from './lib/routes.schema';
export type { CompiledRoute, RouteAuthRequirement } from './lib/compiled-route';
export type * from './lib/routes.types';
export { openApiPathsOf, type OpenApiPaths, type OpenApiOperation } from './lib/openapi-paths';
export { transformBody, transformResponseHeaders } from './lib/response-transforms';
export { transformRequestHeaders, transformQuery } from './lib/request-transforms';
export { normalizePath, type NormalizedPath } from './lib/path-normalizer';
