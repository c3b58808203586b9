/* eslint-disable @typescript-eslint/no-explicit-any */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of a document, with where it is. */
export function operationsOf(document: any): { path: string; method: string; operation: any }[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]: [string, any]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] })),
  );
}

function resolves(document: any, ref: string): boolean {
  if (!ref.startsWith('#/')) return false;
  let node = document;
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) return false;
  }
  return true;
}

function* refsIn(node: unknown, at = '#'): Generator<[string, string]> {
  if (Array.isArray(node)) {
    for (const [index, child] of node.entries()) yield* refsIn(child, `${at}/${index}`);
  } else if (node && typeof node === 'object') {
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref' && typeof child === 'string') yield [at, child];
      else yield* refsIn(child, `${at}/${key}`);
    }
  }
}

/**
 * What makes `document` an invalid OpenAPI 3.0 document, as far as tools act on it: the required fields,
 * path templates and their parameters, unique operation ids, responses, security requirements that name
 * declared schemes (with no scopes outside OAuth/OIDC), and `$ref`s that resolve. Empty when valid.
 */
export function openApiViolations(document: any): string[] {
  const problems: string[] = [];
  if (!/^3\.0\.\d+$/.test(String(document.openapi)))
    problems.push(`openapi: "${document.openapi}" is not 3.0.x`);
  if (typeof document.info?.title !== 'string' || typeof document.info?.version !== 'string')
    problems.push('info: title and version are required strings');
  if (typeof document.paths !== 'object' || document.paths === null) problems.push('paths: required');
  const schemes = document.components?.securitySchemes ?? {};
  for (const [name, scheme] of Object.entries<any>(schemes)) {
    if (!['apiKey', 'http', 'oauth2', 'openIdConnect'].includes(scheme.type))
      problems.push(`securitySchemes.${name}: bad type ${scheme.type}`);
    if (scheme.type === 'apiKey' && (!scheme.name || !['query', 'header', 'cookie'].includes(scheme.in)))
      problems.push(`securitySchemes.${name}: apiKey needs name and in`);
    if (scheme.type === 'http' && !scheme.scheme) problems.push(`securitySchemes.${name}: http needs scheme`);
  }
  const operationIds = new Set<string>();
  for (const { path, method, operation } of operationsOf(document)) {
    const where = `${method.toUpperCase()} ${path}`;
    if (!path.startsWith('/') || /\/:/.test(path)) problems.push(`${where}: not an OpenAPI path template`);
    if (operation.operationId !== undefined) {
      if (operationIds.has(operation.operationId))
        problems.push(`${where}: duplicate operationId ${operation.operationId}`);
      operationIds.add(operation.operationId);
    }
    const parameters: any[] = [...(document.paths[path].parameters ?? []), ...(operation.parameters ?? [])];
    for (const parameter of parameters) {
      if (parameter.$ref) continue;
      if (!parameter.name || !['path', 'query', 'header', 'cookie'].includes(parameter.in))
        problems.push(`${where}: parameter needs name and in`);
      if (!parameter.schema && !parameter.content)
        problems.push(`${where}: parameter ${parameter.name} needs schema or content`);
      if (parameter.in === 'path' && parameter.required !== true)
        problems.push(`${where}: path parameter ${parameter.name} must be required`);
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    const declared = parameters
      .filter((parameter) => parameter.in === 'path')
      .map((parameter) => parameter.name);
    for (const name of templated)
      if (!declared.includes(name)) problems.push(`${where}: no path parameter for {${name}}`);
    for (const name of declared)
      if (!templated.includes(name)) problems.push(`${where}: path parameter ${name} is not in the path`);
    const responses = Object.entries<any>(operation.responses ?? {});
    if (responses.length === 0) problems.push(`${where}: no responses`);
    for (const [status, response] of responses) {
      if (!/^(default|[1-5](\d\d|XX))$/.test(status)) problems.push(`${where}: bad response key ${status}`);
      if (!response.$ref && typeof response.description !== 'string')
        problems.push(`${where}: response ${status} needs a description`);
    }
    for (const requirement of operation.security ?? []) {
      for (const [name, scopes] of Object.entries<any>(requirement)) {
        const scheme = schemes[name];
        if (!scheme) problems.push(`${where}: security names undeclared scheme ${name}`);
        else if (!['oauth2', 'openIdConnect'].includes(scheme.type) && scopes.length > 0)
          problems.push(`${where}: scopes on ${scheme.type} scheme ${name}`);
      }
    }
  }
  for (const [at, ref] of refsIn(document))
    if (!resolves(document, ref)) problems.push(`${at}: $ref ${ref} does not resolve`);
  return problems;
}

function resolved(document: any, node: any): any {
  if (!node?.$ref) return node;
  let target = document;
  for (const part of String(node.$ref).slice(2).split('/')) target = target?.[part];
  return target;
}

const hasProperties = (document: any, schema: any): boolean => {
  const object = resolved(document, schema);
  if (object?.allOf) return object.allOf.some((part: any) => hasProperties(document, part));
  return Object.keys(object?.properties ?? {}).length > 0;
};

/**
 * The 2xx responses of `document` whose JSON body has no real schema: none at all, or one that is not an
 * object with properties (nor an array of such) — `{"type": "object"}` says nothing a client can use.
 */
export function successesWithoutSchema(document: any): string[] {
  const found: string[] = [];
  for (const { path, method, operation } of operationsOf(document)) {
    for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
      if (!/^2\d\d$/.test(status) || status === '204') continue;
      const schema = resolved(document, response)?.content?.['application/json']?.schema;
      const item = resolved(document, schema);
      const described =
        schema !== undefined &&
        (hasProperties(document, schema) || (item?.type === 'array' && hasProperties(document, item.items)));
      if (!described)
        found.push(`${method.toUpperCase()} ${path} ${status}: ${JSON.stringify(schema ?? null)}`);
    }
  }
  return found;
}
