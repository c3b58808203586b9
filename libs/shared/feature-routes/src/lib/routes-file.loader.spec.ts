import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileRoutes, loadRoutesFile, RoutesFileError } from './routes-file.loader';

const context = {
  services: { catalog: 'http://127.0.0.1:4002', orders: 'http://127.0.0.1:4003/v1' },
  knownScopes: ['catalog:read', 'orders:read', 'orders:write'],
  source: 'routes.yaml',
};

const ok = {
  methods: ['GET'],
  path: '/api/products/:id',
  upstream: { service: 'catalog', rewrite: '/products/:id' },
  auth: 'public',
};
const plain = { methods: ['GET'], path: '/api/products', upstream: { service: 'catalog' }, auth: 'public' };

function problemsOf(routes: unknown[]): string[] {
  try {
    compileRoutes({ routes }, context);
  } catch (error) {
    if (error instanceof RoutesFileError) return error.problems;
    throw error;
  }
  return [];
}

describe(compileRoutes.name, () => {
  it('compiles a valid route, resolving the named service and adding HEAD to GET', () => {
    const [sut] = compileRoutes(
      { routes: [ok, { ...ok, path: '/api/orders/*', upstream: { service: 'orders' } }] },
      context,
    );
    expect(sut).toMatchObject({
      origin: 'http://127.0.0.1:4002',
      basePath: '',
      methods: ['GET', 'HEAD'],
      auth: { kind: 'public' },
    });
    expect(compileRoutes({ routes: [{ ...ok, upstream: { service: 'orders' } }] }, context)[0].basePath).toBe(
      '/v1',
    );
  });

  it.each([
    ['an unknown field', { ...ok, retries: 3 }, 'routes[0]: unknown field "retries"'],
    [
      'an unknown nested field',
      { ...ok, upstream: { service: 'catalog', timeout: 1 } },
      'routes[0].upstream: unknown field "timeout"',
    ],
    [
      'an unknown transform',
      { ...ok, transforms: { response: { body: { pick: ['a'] } } } },
      'routes[0].transforms.response.body: unknown field "pick"',
    ],
    ['a bad method', { ...ok, methods: ['FETCH'] }, 'routes[0].methods[0]: must be one of'],
    [
      'a missing field',
      { methods: ['GET'], path: '/a', auth: 'public' },
      'routes[0]: missing field "upstream"',
    ],
    [
      'a bad upstream URL',
      { ...ok, upstream: { url: 'ftp://files.internal' } },
      'routes[0].upstream.url: "ftp://files.internal" must be an http or https URL',
    ],
    [
      'an upstream that is no URL',
      { ...ok, upstream: { url: 'not a url' } },
      'routes[0].upstream.url: "not a url" is not a URL',
    ],
    [
      'an unknown service',
      { ...ok, upstream: { service: 'billing' } },
      'routes[0].upstream.service: unknown service "billing"',
    ],
    [
      'both service and url',
      { ...ok, upstream: { service: 'catalog', url: 'http://x' } },
      'routes[0].upstream: name either "service" or "url"',
    ],
    [
      'an unknown scope',
      { ...ok, auth: { user: { scopes: ['orders:read', 'orders:wrte'] } } },
      'routes[0].auth.user.scopes[1]: unknown scope "orders:wrte"',
    ],
    ['a bad auth value', { ...ok, auth: 'private' }, 'routes[0].auth: must be "public"'],
    [
      'an unknown auth kind',
      { ...ok, auth: { robot: { scopes: [] } } },
      'routes[0].auth: unknown field "robot"',
    ],
    [
      'a bad rate limit',
      { ...ok, rateLimit: '100 per minute' },
      'routes[0].rateLimit: "100 per minute" has the wrong form',
    ],
    [
      'a wildcard in the middle',
      { ...ok, path: '/api/*/x' },
      'routes[0].path: "/api/*/x": "*" is only allowed as the last segment',
    ],
    ['a dot segment in a path', { ...ok, path: '/api/../x' }, 'routes[0].path: "/api/../x": segment ".."'],
    [
      'a rewrite using an undeclared parameter',
      { ...ok, upstream: { service: 'catalog', rewrite: '/p/:sku' } },
      'routes[0].upstream.rewrite: uses ":sku"',
    ],
  ])('points at the entry for %s', (_kind, route, message) => {
    const problems = problemsOf([ok, route].slice(1));
    expect(problems.join('\n')).toContain(message);
  });

  it('names the index of the bad route among good ones', () => {
    const routes = [
      ok,
      { ...plain, path: '/a' },
      { ...plain, path: '/b' },
      { ...plain, path: '/c', auth: { user: { scopes: ['orders:wrte'] } } },
    ];
    expect(problemsOf(routes)).toEqual(['routes[3].auth.user.scopes[0]: unknown scope "orders:wrte"']);
  });

  it('names a bad entry by its id too, for schema and meaning errors alike', () => {
    const routes = [
      { ...ok, id: 'catalog-categories' },
      { ...plain, id: 'catalog-product', path: 'catalog/products/:id' },
      { ...plain, id: 'orders', path: '/o', auth: { user: { scopes: ['orders:wrte'] } } },
    ];
    expect(problemsOf(routes)).toEqual([expect.stringMatching(/^routes\[1\] "catalog-product"\.path: /)]);
    expect(problemsOf([routes[0], routes[2]])).toEqual([
      'routes[1] "orders".auth.user.scopes[0]: unknown scope "orders:wrte"',
    ]);
  });

  it.each([
    [
      'the same pattern with other parameter names',
      '/api/products/:id',
      '/api/products/:sku',
      'is the same route as routes[0]',
    ],
    [
      'a pattern covered by an earlier wildcard',
      '/api/*',
      '/api/products/:id',
      'is shadowed by routes[0] (/api/*)',
    ],
    [
      'a literal covered by an earlier parameter',
      '/api/products/:id',
      '/api/products/featured',
      'is shadowed by routes[0]',
    ],
  ])('refuses %s', (_kind, first, second, message) => {
    const problems = problemsOf([
      { ...ok, path: first, upstream: { service: 'catalog' } },
      { ...ok, path: second, upstream: { service: 'catalog' } },
    ]);
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(`^routes\\[1\\]\\.path: GET .*${message.replace(/[()[\]*]/g, '\\$&')}`),
      ),
    ]);
  });

  it('allows the same path for other methods, and a specific route before a wildcard', () => {
    expect(
      problemsOf([
        { ...plain, path: '/api/products/featured' },
        { ...plain, path: '/api/products/:id' },
        { ...plain, methods: ['POST'], path: '/api/products/:id' },
        { ...plain, path: '/api/*' },
      ]),
    ).toEqual([]);
  });
});

describe(loadRoutesFile.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'routes-'));

  it('reads YAML and names the file in errors', () => {
    const file = join(dir, 'routes.yaml');
    writeFileSync(
      file,
      'routes:\n  - methods: [GET]\n    path: /x\n    upstream: { service: catalog }\n    auth: { user: { scopes: [orders:wrte] } }\n',
    );
    expect(() => loadRoutesFile(file, context)).toThrow(
      `Invalid routes file ${file}:\n  - routes[0].auth.user.scopes[0]: unknown scope "orders:wrte"`,
    );
  });

  it('reads JSON', () => {
    const file = join(dir, 'routes.json');
    writeFileSync(file, JSON.stringify({ routes: [ok] }));
    expect(loadRoutesFile(file, context)).toHaveLength(1);
  });

  it('refuses a file that does not parse, or is missing', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"routes": [');
    expect(() => loadRoutesFile(file, context)).toThrow(/broken\.json:\n {2}- is not valid JSON/);
    expect(() => loadRoutesFile(join(dir, 'nope.yaml'), context)).toThrow(
      /nope\.yaml:\n {2}- cannot be read/,
    );
  });
});
