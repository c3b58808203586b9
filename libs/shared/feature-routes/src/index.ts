/**
 * Declarative pass-through routes for the gateways: a validated routes file (JSON or YAML), served with
 * streamed bodies, request/response transformations and proxy hygiene, and reloaded without a restart.
 */
export { DeclarativeRoutesModule } from './lib/declarative-routes.module';
export { DeclarativeRoutesRegistrar } from './lib/declarative-routes.registrar';
export { loadRoutesFile } from './lib/routes-file.loader';
export type * from './lib/routes.types';
export { openApiPathsOf, type OpenApiPaths } from './lib/openapi-paths';
