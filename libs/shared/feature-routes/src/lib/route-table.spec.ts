import { compileRoutes } from './routes-file.loader';
import { RouteTable, type RouteHandler } from './route-table';

const handler: RouteHandler = async (_request, reply) => reply;

function tableOf(routes: unknown[], options = {}): RouteTable {
  const compiled = compileRoutes({ routes }, { services: { s: 'http://127.0.0.1:1' }, knownScopes: [] });
  return new RouteTable(
    compiled.map((route) => ({ route, handle: handler })),
    { version: 'sha256:test', loadedAt: new Date(0), source: 'test' },
    options,
  );
}

const route = (id: string, path: string, methods = ['GET']) => ({
  id,
  methods,
  path,
  upstream: { service: 's' },
  auth: 'public',
});

describe(RouteTable.name, () => {
  const sut = tableOf([
    route('special', '/items/special', ['GET', 'PUT']),
    route('item', '/items/:id'),
    route('files', '/files/*', ['POST']),
    route('batch', '/v1/items:batch'),
  ]);
  const idAt = (method: string, url: string) => sut.lookup(method, url)?.route.id;

  it('finds the route as Fastify would: static before parameter before wildcard, the query ignored', () => {
    expect(idAt('GET', '/items/special?x=1')).toBe('special');
    expect(idAt('GET', '/items/p-1')).toBe('item');
    expect(idAt('HEAD', '/items/p-1')).toBe('item');
    expect(idAt('POST', '/files/a/b.txt')).toBe('files');
    expect(idAt('GET', '/v1/items:batch')).toBe('batch');
  });

  it('finds nothing for a method or path it does not have', () => {
    expect(idAt('DELETE', '/items/p-1')).toBeUndefined();
    expect(idAt('GET', '/items')).toBeUndefined();
    expect(idAt('PURGE', '/items/p-1')).toBeUndefined();
  });

  it('lists the methods it serves at a path, for 405 + Allow', () => {
    expect(sut.allowedAt('/items/special').sort()).toEqual(['GET', 'HEAD', 'PUT']);
    expect(sut.allowedAt('/items/p-1').sort()).toEqual(['GET', 'HEAD']);
    expect(sut.allowedAt('/nothing')).toEqual([]);
  });

  it('reads paths with the gateway router’s options (trailing slash, case)', () => {
    const strict = tableOf([route('item', '/Items/:id')], {
      caseSensitive: true,
      ignoreTrailingSlash: false,
    });
    const lenient = tableOf([route('item', '/Items/:id')], {
      caseSensitive: false,
      ignoreTrailingSlash: true,
    });
    expect(strict.lookup('GET', '/items/1')).toBeUndefined();
    expect(strict.lookup('GET', '/Items/1/')).toBeUndefined();
    expect(lenient.lookup('GET', '/items/1/')?.route.id).toBe('item');
  });
});
