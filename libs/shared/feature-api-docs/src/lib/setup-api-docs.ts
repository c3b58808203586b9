import type { INestApplication, Type } from '@nestjs/common';
import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { AUTH_MODULE_OPTIONS, type AuthModuleOptions } from '@concierge/shared/feature-auth';
import type {
  ApiDocsOptions,
  DeprecationNotice,
  OpenApiDeprecationsSource,
  OpenApiPathsSource,
} from './api-docs.options';
import { completeDocument, type AcceptedCredentials } from './api-document';
import { routeRequirementsOf } from './route-requirements';
import { installSwaggerUi } from './swagger-ui.routes';

const DEFAULT_DESCRIPTION = [
  'A Concierge gateway (backend-for-frontend).',
  'Errors are RFC 9457 `application/problem+json`. Every response carries `x-request-id`.',
  'Rate-limited routes answer `429` with `Retry-After` and send `RateLimit` / `RateLimit-Policy` headers.',
  'Authorize with an access token from the identity provider (the demo users are listed in the README).',
].join('\n\n');

const isPathsSource = (instance: unknown): instance is OpenApiPathsSource =>
  typeof instance === 'object' &&
  instance !== null &&
  typeof (instance as Partial<OpenApiPathsSource>).openApiPaths === 'function';

const isDeprecationsSource = (instance: unknown): instance is OpenApiDeprecationsSource =>
  typeof instance === 'object' &&
  instance !== null &&
  typeof (instance as Partial<OpenApiDeprecationsSource>).openApiDeprecations === 'function';

/**
 * Serves the gateway's OpenAPI 3 document at `GET /docs-json` and Swagger UI at `GET /docs`. Call it after
 * `NestFactory.create` and before `listen` (the gateway core does); Fastify only. The routes are registered
 * straight on Fastify, so no guard, rate limit or response cache of the controllers applies: they are public.
 *
 * The document is built on its first request, once every module is initialised (and again whenever a
 * source's `openApiVersion()` changes: a reloaded routes table): the controllers (with
 * the DTO metadata of the `@nestjs/swagger` compiler plugin), security from the auth decorators, problem+json
 * error responses, the paths of every provider with an `openApiPaths()` method (the declarative routes), and
 * the operations every provider with an `openApiDeprecations()` method marks deprecated.
 */
export function setupApiDocs(app: INestApplication, options: ApiDocsOptions): void {
  const page = `/${options.path ?? 'docs'}`;
  const documentUrl = `${page}-json`;
  let document: string | undefined;
  let builtFor: string | undefined;
  let sources: OpenApiPathsSource[] | undefined;
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.get(documentUrl, (_request, reply) => {
    sources ??= pathsSourcesOf(app);
    const version = sources.map((source) => source.openApiVersion?.() ?? '').join(' ');
    if (document === undefined || version !== builtFor) {
      document = JSON.stringify(buildApiDocument(app, options));
      builtFor = version;
    }
    return reply.header('cache-control', 'no-cache').type('application/json; charset=utf-8').send(document);
  });
  installSwaggerUi(fastify, { page, documentUrl, title: `${options.name} API` });
}

/** The gateway's OpenAPI document (see `setupApiDocs`); the application must be initialised. */
function buildApiDocument(app: INestApplication, options: ApiDocsOptions): OpenAPIObject {
  const credentials = acceptedCredentials(app);
  const config = new DocumentBuilder()
    .setTitle(options.name)
    .setDescription(options.description ?? DEFAULT_DESCRIPTION)
    .setVersion(options.version ?? '1.0.0')
    .build();
  const scanned = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller}_${method}`,
  });
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const controllers = discovery
    .getControllers()
    .map((wrapper) => wrapper.metatype)
    .filter((metatype): metatype is Type => typeof metatype === 'function');
  const providers = new Set(discovery.getProviders().map((wrapper) => wrapper.instance as unknown));
  const extraPaths = [...providers].filter(isPathsSource).map((source) => source.openApiPaths());
  const deprecations = new Map<string, DeprecationNotice>(
    [...providers].filter(isDeprecationsSource).flatMap((source) => [...source.openApiDeprecations()]),
  );
  return completeDocument(scanned, {
    requirements: routeRequirementsOf(controllers),
    extraPaths,
    credentials,
    deprecations,
  });
}

/** Every provider that contributes paths (each once, however many modules export it). */
function pathsSourcesOf(app: INestApplication): OpenApiPathsSource[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  return [
    ...new Set(
      discovery
        .getProviders()
        .map((wrapper) => wrapper.instance as unknown)
        .filter(isPathsSource),
    ),
  ];
}

/** Bearer tokens wherever the auth module is loaded; device keys where it is configured to check them. */
function acceptedCredentials(app: INestApplication): AcceptedCredentials {
  let auth: AuthModuleOptions | undefined;
  try {
    auth = app.get<AuthModuleOptions>(AUTH_MODULE_OPTIONS, { strict: false });
  } catch {
    auth = undefined;
  }
  return {
    bearer: auth !== undefined,
    deviceKey: auth?.deviceKeys !== undefined,
    apiKey: auth?.apiKeys !== undefined,
  };
}
