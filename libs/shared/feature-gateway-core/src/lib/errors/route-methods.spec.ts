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
});
