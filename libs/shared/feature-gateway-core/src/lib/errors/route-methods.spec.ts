import type { RouteOptions } from 'fastify';
import { RouteCollisionError, RouteMethods } from './route-methods';

const route = (method: string | string[], url: string, label?: string) =>
  ({
    method,
    url,
    handler: () => undefined,
    ...(label ? { config: { label } } : {}),
  }) as unknown as RouteOptions;

describe(RouteMethods.name, () => {
  it('knows every method of every path, parameters and wildcards included', () => {
    const sut = new RouteMethods();
    sut.add(route('GET', '/api/products/:id'));
    sut.add(route('HEAD', '/api/products/:id'));
    sut.add(route(['PUT', 'DELETE'], '/api/products/:productId'));
    sut.add(route('POST', '/files/*'));
    expect(sut.allowedAt('/api/products/p-1')).toEqual(['DELETE', 'GET', 'HEAD', 'PUT']);
    expect(sut.allowedAt('/files/a/b.txt')).toEqual(['POST']);
    expect(sut.allowedAt('/api/products')).toEqual([]);
    expect(sut.allowedAt('/api/products/p-1/extra')).toEqual([]);
  });

  it('keeps 404 for unknown paths when a catch-all (the CORS preflight route) is registered', () => {
    const sut = new RouteMethods();
    sut.add(route('OPTIONS', '*'));
    sut.add(route('OPTIONS', '/*'));
    sut.add(route('GET', '/api/dashboard'));
    expect(sut.allowedAt('/metrics')).toEqual([]);
    expect(sut.allowedAt('/api/dashboard')).toEqual(['GET']);
  });

  it('reads a literal colon (::) and regex characters of a path literally', () => {
    const sut = new RouteMethods();
    sut.add(route('GET', '/v1/items::batch'));
    sut.add(route('GET', '/a.b'));
    expect(sut.allowedAt('/v1/items:batch')).toEqual(['GET']);
    expect(sut.allowedAt('/aXb')).toEqual([]);
  });

  it('refuses a second route for a method and path already taken, naming both', () => {
    const sut = new RouteMethods();
    sut.add(route('GET', '/api/products/:id'));
    const second = () => sut.add(route(['GET', 'HEAD'], '/api/products/:key', 'routes[1] "catalog-product"'));
    expect(second).toThrow(RouteCollisionError);
    expect(second).toThrow(
      'routes[1] "catalog-product": GET /api/products/:key is already the route GET /api/products/:id',
    );
  });

  it('lets HEAD be added twice (Fastify adds one to each GET) and ignores constrained routes', () => {
    const sut = new RouteMethods();
    sut.add(route('HEAD', '/a'));
    expect(() => sut.add(route('HEAD', '/a'))).not.toThrow();
    sut.add(route('GET', '/v'));
    expect(() => sut.add({ ...route('GET', '/v'), constraints: { version: '2' } })).not.toThrow();
  });

  it('counts the methods of the live table too, whichever table is live', () => {
    const sut = new RouteMethods();
    sut.add(route('GET', '/api/dashboard'));
    sut.setLive({ allowedAt: (path) => (path === '/catalog/x' ? ['GET', 'HEAD'] : []) });
    expect(sut.allowedAt('/catalog/x')).toEqual(['GET', 'HEAD']);
    sut.setLive({ allowedAt: () => [] });
    expect(sut.allowedAt('/catalog/x')).toEqual([]);
    expect(sut.allowedAt('/api/dashboard')).toEqual(['GET']);
  });

  it('names a declared route taking a method and path a registered route has, without registering it', () => {
    const sut = new RouteMethods();
    sut.add(route('GET', '/api/products/:id'));
    const candidate = { url: '/api/products/:key', methods: ['GET', 'HEAD'], label: 'routes[1] "p"' };
    expect(sut.conflictsOf([candidate])).toEqual([
      'routes[1] "p": GET /api/products/:key is already the route GET /api/products/:id',
    ]);
    expect(sut.conflictsOf([{ ...candidate, methods: ['DELETE'] }])).toEqual([]);
    expect(sut.allowedAt('/api/products/1')).toEqual(['GET']);
  });

  it('names a declared route a registered parameter or wildcard would take requests from', () => {
    const sut = new RouteMethods();
    sut.add(route('GET', '/api/products/:id'));
    sut.add(route('POST', '/files/*'));
    const conflicts = (url: string, method = 'GET') =>
      sut.conflictsOf([{ url, methods: [method], label: 'routes[0] "d"' }]);
    expect(conflicts('/api/products/special')).toEqual([
      'routes[0] "d": GET /api/products/special would be shadowed by the route GET /api/products/:id (GET /api/products/:id), which takes the same requests first',
    ]);
    expect(conflicts('/files/a/:name', 'POST')).toHaveLength(1);
    // Less specific than the registered route, or no request in common: the router gives each its own.
    expect(conflicts('/api/*')).toEqual([]);
    expect(conflicts('/api/products/:id/stock')).toEqual([]);
    expect(conflicts('/api/orders/special')).toEqual([]);
    expect(conflicts('/files/a', 'GET')).toEqual([]);
  });
});
