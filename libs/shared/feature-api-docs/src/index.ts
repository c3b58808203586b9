/**
 * API docs for the gateways: the OpenAPI 3 document at `GET /docs-json` and Swagger UI at `GET /docs`,
 * generated from the controllers and completed with security schemes, problem+json errors and the
 * declarative routes.
 */
export { setupApiDocs, buildApiDocument } from './lib/setup-api-docs';
export type { ApiDocsOptions, OpenApiPathsSource } from './lib/api-docs.options';
export { completeDocument, type AcceptedCredentials, type DocumentAdditions } from './lib/api-document';
export { routeRequirementsOf, type RouteRequirement } from './lib/route-requirements';
export { PROBLEM_DETAILS_SCHEMA, PROBLEM_JSON, problemResponse } from './lib/problem-details.schema';
