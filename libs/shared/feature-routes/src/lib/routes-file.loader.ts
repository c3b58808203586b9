import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { CompiledRoute, RouteAuthRequirement } from './compiled-route';
import { findRouteConflicts } from './route-conflicts';
import { parameterNames, parsePattern, RoutePatternError, type PatternSegment } from './route-pattern';
import { routesFileSchema } from './routes.schema';
import type { RouteDefinition, RoutesDocument } from './routes.types';

/** Thrown at start-up; the message names the file and every bad entry (`routes[3].auth.scopes[0]: ...`). */
export class RoutesFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid routes file ${source}:\n  - ${problems.join('\n  - ')}`);
    this.name = RoutesFileError.name;
  }
}

/** What a routes file is checked against besides its schema. */
export interface RoutesValidationContext {
  /** Named services and their base URLs (`{ catalog: 'http://127.0.0.1:4002' }`). */
  services: Readonly<Record<string, string>>;
  /** Scopes an auth rule may name. */
  knownScopes: readonly string[];
  /** Named in messages; the file path when loaded from a file. */
  source?: string;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateShape = ajv.compile<RoutesDocument>(routesFileSchema);

/** How messages name an entry: `routes[1] "catalog-product"`, or `routes[1]` when it has no id. */
export function routeEntryName(index: number, id?: unknown): string {
  return typeof id === 'string' && id !== '' ? `routes[${index}] ${JSON.stringify(id)}` : `routes[${index}]`;
}

/** Reads a JSON or YAML routes file and validates it; throws `RoutesFileError`. */
export function loadRoutesFile(
  file: string,
  context: Omit<RoutesValidationContext, 'source'>,
): CompiledRoute[] {
  return compileRoutes(readRoutesDocument(file), { ...context, source: file });
}

/** Reads and parses a JSON or YAML routes file, unvalidated; throws `RoutesFileError`. */
export function readRoutesDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RoutesFileError(file, [`cannot be read: ${(error as Error).message}`]);
  }
  try {
    return extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    throw new RoutesFileError(file, [
      `is not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    ]);
  }
}

/** Validates a parsed routes document (shape, then meaning) and compiles it; throws `RoutesFileError`. */
export function compileRoutes(document: unknown, context: RoutesValidationContext): CompiledRoute[] {
  const source = context.source ?? 'routes';
  if (!validateShape(document)) {
    throw new RoutesFileError(source, describeSchemaErrors(validateShape.errors ?? [], document));
  }
  const problems: string[] = [];
  const routes: CompiledRoute[] = [];
  document.routes.forEach((definition, index) => {
    const name = routeEntryName(index, definition.id);
    const compiled = compileRoute(definition, index, context, (path, message) =>
      problems.push(`${name}${path}: ${message}`),
    );
    if (compiled) routes.push(compiled);
  });
  for (const conflict of findRouteConflicts(routes)) {
    problems.push(
      `${routeEntryName(conflict.index, document.routes[conflict.index]?.id)}.path: ${conflict.reason}`,
    );
  }
  if (problems.length > 0) throw new RoutesFileError(source, problems);
  return routes;
}

type Report = (path: string, message: string) => void;

function compileRoute(
  definition: RouteDefinition,
  index: number,
  { services, knownScopes }: RoutesValidationContext,
  report: Report,
): CompiledRoute | undefined {
  let failed = false;
  const fail: Report = (path, message) => {
    failed = true;
    report(path, message);
  };
  const segments = pattern(definition.path, '.path', fail);
  const upstream = definition.upstream;
  let base: string | undefined;
  if (upstream.service !== undefined && upstream.url !== undefined)
    fail('.upstream', 'name either "service" or "url", not both');
  else if (upstream.service !== undefined) {
    base = services[upstream.service];
    if (base === undefined) {
      fail(
        '.upstream.service',
        `unknown service "${upstream.service}" (known: ${Object.keys(services).join(', ') || 'none'})`,
      );
    }
  } else if (upstream.url !== undefined) base = upstream.url;
  else fail('.upstream', 'must name a "service" or a "url"');
  const target =
    base === undefined
      ? undefined
      : upstreamUrl(base, upstream.service !== undefined ? '.upstream.service' : '.upstream.url', fail);

  const rewrite =
    upstream.rewrite === undefined ? segments : pattern(upstream.rewrite, '.upstream.rewrite', fail);
  if (segments && rewrite) {
    const declared = new Set(parameterNames(segments));
    for (const name of parameterNames(rewrite)) {
      if (!declared.has(name))
        fail(
          '.upstream.rewrite',
          `uses ${name === '*' ? '"*"' : `":${name}"`}, which the path does not declare`,
        );
    }
  }

  const auth = authRequirement(definition, knownScopes, fail);
  if (failed || !segments || !rewrite || !target) return undefined;
  const methods = [...definition.methods];
  if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
  return {
    index,
    id: definition.id ?? `${definition.methods.join(',')} ${definition.path}`,
    methods,
    path: definition.path,
    segments,
    origin: target.origin,
    basePath: target.pathname.replace(/\/+$/, ''),
    service: upstream.service,
    rewrite,
    auth,
    rateLimit: definition.rateLimit === 'default' ? undefined : definition.rateLimit,
    cache: definition.cache
      ? { enabled: definition.cache.enabled, perPrincipal: definition.cache.perPrincipal ?? false }
      : undefined,
    timeoutMs: definition.timeoutMs,
    upstreamErrors: definition.upstreamErrors ?? 'problem',
    relayToken: upstream.relayToken ?? auth.kind === 'user',
    bodyLimitBytes: definition.bodyLimitBytes,
    transforms: definition.transforms ?? {},
    definition,
  };
}

function pattern(path: string, where: string, fail: Report): PatternSegment[] | undefined {
  try {
    return parsePattern(path);
  } catch (error) {
    if (!(error instanceof RoutePatternError)) throw error;
    fail(where, `"${path}": ${error.message}`);
    return undefined;
  }
}

function upstreamUrl(value: string, where: string, fail: Report): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(where, `"${value}" is not a URL`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    fail(where, `"${value}" must be an http or https URL`);
  else if (url.username || url.password) fail(where, `"${value}" must not carry credentials`);
  else if (url.search || url.hash) fail(where, `"${value}" must not have a query or fragment`);
  else return url;
  return undefined;
}

function authRequirement(
  definition: RouteDefinition,
  knownScopes: readonly string[],
  fail: Report,
): RouteAuthRequirement {
  const auth = definition.auth;
  if (auth === 'public') return { kind: 'public' };
  const known = new Set(knownScopes);
  const principals: Partial<Record<'user' | 'client' | 'device', readonly string[]>> = {};
  for (const kind of ['user', 'client', 'device'] as const) {
    const scopes = auth[kind]?.scopes;
    if (!scopes) continue;
    scopes.forEach((scope, i) => {
      if (!known.has(scope)) fail(`.auth.${kind}.scopes[${i}]`, `unknown scope "${scope}"`);
    });
    principals[kind] = scopes;
  }
  const kind = principals.user || principals.client ? 'user' : 'device';
  return { kind, scopes: principals.user ?? principals.client ?? principals.device ?? [], principals };
}

/** ajv's `/routes/3/auth` as `routes[3].auth`. */
function toDotPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describeSchemaErrors(errors: ErrorObject[], document: unknown): string[] {
  // `if` only says which branch failed; the branch's own error says what is wrong.
  const useful = errors.filter((e) => e.keyword !== 'if');
  const messages = useful.map((error) => {
    const at = withEntryId(toDotPath(error.instancePath), document) || '(root)';
    switch (error.keyword) {
      case 'additionalProperties':
        return `${at}: unknown field "${String(error.params['additionalProperty'])}"`;
      case 'required':
        return `${at}: missing field "${String(error.params['missingProperty'])}"`;
      case 'enum':
        return `${at}: must be one of ${(error.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      case 'const':
        return `${at}: must be "public", { user: { scopes: [...] } } or { device: { scopes: [...] } }`;
      case 'pattern':
        return `${at}: ${JSON.stringify(valueAt(document, error.instancePath))} has the wrong form (${hintFor(error.instancePath)})`;
      default:
        return `${at}: ${error.message ?? 'is invalid'}`;
    }
  });
  return [...new Set(messages)];
}

/** `routes[3].auth` as `routes[3] "orders".auth` when the entry has an id. */
function withEntryId(path: string, document: unknown): string {
  return path.replace(/^routes\[(\d+)\]/, (whole, index: string) => {
    const entry = valueAt(document, `/routes/${index}`) as { id?: unknown } | undefined;
    return routeEntryName(Number(index), entry?.id);
  });
}

function hintFor(pointer: string): string {
  if (pointer.endsWith('/rateLimit'))
    return 'e.g. "100/60s", "100/60s,burst=20", "burst:20/1s;sustained:600/60s", "default" or "off"';
  if (pointer.endsWith('/path') || pointer.endsWith('/rewrite')) return 'must start with "/"';
  return 'see the routes schema';
}

function valueAt(document: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      document,
    );
}
