import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponsesObject,
  SecurityRequirementObject,
} from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import type { DeprecationNotice } from './api-docs.options';
import { PROBLEM_DETAILS_SCHEMA, problemResponse } from './problem-details.schema';
import type { RouteRequirement } from './route-requirements';

/** Which credentials the gateway accepts; each becomes a security scheme. */
export interface AcceptedCredentials {
  /** `Authorization: Bearer <JWT>` (scheme `bearer`). */
  bearer: boolean;
  /** `X-Device-Key: <key>` (scheme `deviceKey`). */
  deviceKey: boolean;
  /** `X-Api-Key: <key>` of a third-party app (scheme `apiKey`); optional, absent means no. */
  apiKey?: boolean;
}

/** What the scanned document is completed with. */
export interface DocumentAdditions {
  /** Controller routes' requirements by operation id (see `routeRequirementsOf`). */
  requirements: ReadonlyMap<string, RouteRequirement>;
  /** Path items of routes the controllers do not show (the declarative routes), OpenAPI-shaped. */
  extraPaths: readonly Record<string, Record<string, unknown>>[];
  credentials: AcceptedCredentials;
  /** Operations marked deprecated, by `METHOD /path/:param` (see `OpenApiDeprecationsSource`). */
  deprecations?: ReadonlyMap<string, DeprecationNotice>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const UPSTREAM_ERRORS = ['502', '503', '504'];

/**
 * Completes the document Nest's scanner made from the controllers: security schemes and each operation's
 * security (none on `@Public()` routes), problem+json error responses, and the declared routes merged in.
 * Pure: the input document is not changed.
 */
export function completeDocument(scanned: OpenAPIObject, additions: DocumentAdditions): OpenAPIObject {
  const document = structuredClone(scanned);
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, ProblemDetails: PROBLEM_DETAILS_SCHEMA };
  document.components.securitySchemes = {
    ...document.components.securitySchemes,
    ...securitySchemes(additions.credentials),
  };

  for (const [, method, operation] of operations(document)) {
    const requirement = operation.operationId ? additions.requirements.get(operation.operationId) : undefined;
    describeControllerOperation(operation, method, requirement, additions.credentials);
    describeSuccesses(operation);
  }
  for (const extra of additions.extraPaths) {
    for (const [path, item] of Object.entries(extra)) {
      const target = (document.paths[path] ??= {}) as Record<string, OperationObject>;
      for (const [method, raw] of Object.entries(item)) {
        // A controller's own description of the same operation wins; Fastify would refuse both anyway.
        if (target[method]) continue;
        target[method] = describeDeclaredOperation(structuredClone(raw) as OperationObject);
      }
    }
  }
  for (const [key, notice] of additions.deprecations ?? []) {
    const [method, path] = key.split(' ');
    const operation = document.paths[openApiPathOf(path)]?.[method.toLowerCase() as (typeof METHODS)[number]];
    if (operation) markDeprecated(operation, notice);
  }
  return document;
}

function securitySchemes(
  credentials: AcceptedCredentials,
): NonNullable<OpenAPIObject['components']>['securitySchemes'] {
  return {
    ...(credentials.bearer
      ? {
          bearer: {
            type: 'http' as const,
            scheme: 'bearer',
            bearerFormat: 'JWT',
            description:
              'An OAuth 2 / OIDC access token (JWT) from the configured issuer: `Authorization: Bearer <token>`.',
          },
        }
      : {}),
    ...(credentials.deviceKey
      ? {
          deviceKey: {
            type: 'apiKey' as const,
            in: 'header' as const,
            name: 'X-Device-Key',
            description:
              'A device API key issued by the devices service (also accepted as `Authorization: ApiKey <key>`).',
          },
        }
      : {}),
    ...(credentials.apiKey
      ? {
          apiKey: {
            type: 'apiKey' as const,
            in: 'header' as const,
            name: 'X-Api-Key',
            description:
              "A partner app's API key, `ck_<id>.<secret>` (also accepted as `Authorization: ApiKey <key>`).",
          },
        }
      : {}),
  };
}

function* operations(document: OpenAPIObject): Generator<[string, string, OperationObject]> {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) yield [path, method, operation];
    }
  }
}

function describeControllerOperation(
  operation: OperationObject,
  method: string,
  requirement: RouteRequirement | undefined,
  credentials: AcceptedCredentials,
): void {
  const parameters = (operation.parameters ?? []) as (ParameterObject | ReferenceObject)[];
  const hasPathParameter = parameters.some((parameter) => 'in' in parameter && parameter.in === 'path');
  const takesInput =
    parameters.length > 0 ||
    operation.requestBody !== undefined ||
    !['get', 'head', 'delete'].includes(method);
  const secured =
    requirement !== undefined &&
    !requirement.public &&
    (credentials.bearer || credentials.deviceKey || !!credentials.apiKey);

  if (requirement?.public) operation.security = [];
  if (secured) {
    operation.security = securityOf(requirement.principal, credentials);
    note(operation, requirement.scopes, requirement.roles, requirement.principal);
  }
  const errors: string[] = [];
  if (takesInput) errors.push('400');
  if (secured) errors.push('401', '403');
  if (hasPathParameter) errors.push('404');
  if (!requirement?.unlimited) errors.push('429', ...UPSTREAM_ERRORS);
  addProblemResponses(operation, errors);
}

/** Alternatives (any one of them will do); scopes are not part of an `http`/`apiKey` requirement in OpenAPI 3.0. */
function securityOf(principal: string, credentials: AcceptedCredentials): SecurityRequirementObject[] {
  const security: SecurityRequirementObject[] = [];
  if (credentials.bearer) security.push({ bearer: [] });
  if (credentials.deviceKey && principal !== 'user') security.push({ deviceKey: [] });
  if (credentials.apiKey && principal !== 'user') security.push({ apiKey: [] });
  return security;
}

function note(
  operation: OperationObject,
  scopes: readonly string[],
  roles: readonly string[] = [],
  principal = 'any',
): void {
  const lines: string[] = [];
  if (scopes.length) lines.push(`Requires the scopes ${scopes.map((s) => `\`${s}\``).join(', ')}.`);
  if (roles.length) lines.push(`Requires one of the roles ${roles.map((r) => `\`${r}\``).join(', ')}.`);
  if (principal !== 'any') lines.push(`Only for ${principal} credentials.`);
  if (!lines.length) return;
  operation.description = [operation.description, ...lines].filter(Boolean).join('\n\n');
  const extensions = operation as unknown as Record<string, unknown>;
  if (scopes.length) extensions['x-required-scopes'] = [...scopes];
  if (roles.length) extensions['x-required-roles'] = [...roles];
}

function addProblemResponses(operation: OperationObject, statuses: readonly string[]): void {
  const responses: ResponsesObject = (operation.responses ??= {});
  // Errors a controller declares itself (`@ApiResponse({ status: 422, description })`) are problem+json too.
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) >= 400 && response && !('$ref' in response) && !response.content)
      responses[status] = problemResponse(status, response.description || undefined);
  }
  for (const status of statuses) responses[status] ??= problemResponse(status);
  responses['default'] ??= problemResponse('default');
}

/**
 * A declared route as the routes library describes it, made strictly OpenAPI 3.0: its error responses get
 * the problem+json body, and the scopes move from the security requirement to `x-required-scopes`.
 */
function describeDeclaredOperation(operation: OperationObject): OperationObject {
  const extensions = operation as unknown as Record<string, unknown>;
  extensions['x-declared-route'] = true;
  if (operation.security) {
    const scopes = [
      ...new Set(operation.security.flatMap((requirement) => Object.values(requirement).flat())),
    ];
    operation.security = operation.security.map((requirement) =>
      Object.fromEntries(Object.keys(requirement).map((name) => [name, []])),
    );
    note(operation, scopes);
  } else {
    operation.security = [];
  }
  const responses: ResponsesObject = (operation.responses ??= {});
  for (const [status, response] of Object.entries(responses)) {
    if (status === 'default' || Number(status) < 400 || !response || '$ref' in response) continue;
    responses[status] = problemResponse(status, response.description);
  }
  return operation;
}

/** `/v1/products/:id` as OpenAPI writes it: `/v1/products/{id}`. */
function openApiPathOf(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** A success the scanner left without words gets its status's reason phrase (`OK`, `Created`). */
function describeSuccesses(operation: OperationObject): void {
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (!/^2\d\d$/.test(status) || !response || '$ref' in response || response.description) continue;
    response.description = STATUS_CODES[Number(status)] ?? 'Success.';
  }
}

/**
 * `deprecated: true`, a sentence saying until when, and the headers every answer of the operation carries
 * (errors included), with their exact values as examples.
 */
function markDeprecated(operation: OperationObject, notice: DeprecationNotice): void {
  operation.deprecated = true;
  const since = new Date(Number(notice.deprecation.slice(1)) * 1000).toISOString().slice(0, 10);
  const sentence = [
    `Deprecated since ${since}`,
    notice.sunset ? `; it stops answering after ${notice.sunset}` : '',
    notice.link ? `. See ${notice.link}` : '',
    '.',
  ].join('');
  operation.description = [operation.description, sentence].filter(Boolean).join('\n\n');
  const headers: Record<string, { description: string; schema: { type: 'string'; example: string } }> = {
    Deprecation: {
      description: 'RFC 9745: when the operation was deprecated (`@<unix seconds>`).',
      schema: { type: 'string', example: notice.deprecation },
    },
  };
  if (notice.sunset)
    headers['Sunset'] = {
      description: 'RFC 8594: when the operation stops answering (an HTTP date).',
      schema: { type: 'string', example: notice.sunset },
    };
  if (notice.link)
    headers['Link'] = {
      description: 'Where to read about the deprecation (`rel="deprecation"`).',
      schema: { type: 'string', example: `<${notice.link}>; rel="deprecation"; type="text/html"` },
    };
  for (const response of Object.values(operation.responses ?? {})) {
    if (!response || '$ref' in response) continue;
    response.headers = { ...response.headers, ...headers };
  }
}
