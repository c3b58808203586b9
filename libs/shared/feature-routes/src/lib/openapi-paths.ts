import type { CompiledRoute } from './compiled-route';

/** An OpenAPI 3 operation, as much of it as a declaration can say. */
export interface OpenApiOperation {
  operationId: string;
  summary?: string;
  tags: string[];
  parameters: {
    name: string;
    in: 'path';
    required: true;
    schema: { type: 'string' };
    description?: string;
  }[];
  security?: Record<string, string[]>[];
  responses: Record<string, { description: string }>;
}

/** OpenAPI path items keyed by OpenAPI path (`/orders/{id}`), method in lower case. */
export type OpenApiPaths = Record<string, Record<string, OpenApiOperation>>;

/**
 * The declared routes as OpenAPI path items, for the gateway's API docs: `:id` becomes `{id}`, a
 * trailing `*` a `{path}` parameter; user routes need `bearer` with their scopes, device routes `deviceKey`.
 */
export function openApiPathsOf(routes: readonly CompiledRoute[]): OpenApiPaths {
  const paths: OpenApiPaths = {};
  for (const route of routes) {
    const path =
      '/' +
      route.segments
        .map((s) => (s.kind === 'static' ? s.value : s.kind === 'param' ? `{${s.name}}` : '{path}'))
        .join('/');
    const parameters = route.segments.flatMap((s) =>
      s.kind === 'static'
        ? []
        : [
            {
              name: s.kind === 'param' ? s.name : 'path',
              in: 'path' as const,
              required: true as const,
              schema: { type: 'string' as const },
              ...(s.kind === 'wildcard'
                ? { description: 'The rest of the path, passed to the upstream.' }
                : {}),
            },
          ],
    );
    const security =
      route.auth.kind === 'public'
        ? undefined
        : [{ [route.auth.kind === 'user' ? 'bearer' : 'deviceKey']: [...route.auth.scopes] }];
    const responses: Record<string, { description: string }> = {
      default: {
        description: `Passed through from ${route.service ? `the ${route.service} service` : route.origin}.`,
      },
      '400': { description: 'Refused request path or framing (problem+json).' },
      '502': { description: 'The upstream failed (problem+json).' },
      '503': { description: 'The upstream is unavailable (problem+json).' },
      '504': { description: 'The upstream did not answer in time (problem+json).' },
    };
    if (security)
      Object.assign(responses, {
        '401': { description: 'Missing or invalid credentials.' },
        '403': { description: 'Insufficient scope.' },
      });
    if (route.rateLimit !== 'off') responses['429'] = { description: 'Rate limited (Retry-After).' };
    const item = (paths[path] ??= {});
    for (const method of route.definition.methods) {
      item[method.toLowerCase()] = {
        operationId: route.definition.id ?? `${method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+/g, '_')}`,
        ...(route.definition.summary ? { summary: route.definition.summary } : {}),
        tags: [route.service ?? 'routes'],
        parameters,
        ...(security ? { security } : {}),
        responses,
      };
    }
  }
  return paths;
}
