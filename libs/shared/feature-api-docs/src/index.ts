/**
 * API docs for the gateways: the OpenAPI 3 document at `GET /docs-json` and Swagger UI at `GET /docs`,
 * generated from the controllers and completed with security schemes, problem+json errors and the
 * declarative routes.
 */
export { setupApiDocs } from './lib/setup-api-docs';
export type { DeprecationNotice, OpenApiDeprecationsSource } from './lib/api-docs.options';
