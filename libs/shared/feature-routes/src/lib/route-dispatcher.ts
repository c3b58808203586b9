import type { FastifyInstance } from 'fastify';
import { setRouteTemplate } from '@concierge/shared/util-http';
import type { RouteTable } from './route-table';
import { ROUTE_METHODS } from './routes.schema';

/**
 * The methods the dispatcher can take: every method a route may declare, but those another catch-all
 * already answers for every path (CORS's `OPTIONS *` preflight route when CORS is on). Unknown extension
 * methods (`PURGE`, `QUERY`…) are taught to Fastify here, with a body, so a reload may declare them.
 */
function dispatchableMethods(fastify: FastifyInstance): string[] {
  for (const method of ROUTE_METHODS) {
    if (!fastify.supportedMethods.includes(method)) fastify.addHttpMethod(method, { hasBody: true });
  }
  // Fastify keeps `*` as `/*` (CORS's preflight route is `OPTIONS *`).
  return ROUTE_METHODS.filter((method) => !fastify.hasRoute({ method, url: '/*' }));
}

/**
 * Registers the one Fastify route behind which every declared route lives: a catch-all, in its own
 * encapsulated context, that looks the request up once in the current table and hands it to that entry's
 * compiled handler, which serves the whole request (a reload swapping the table meanwhile changes nothing
 * for it). Fastify cannot add or remove routes once listening; its router still prefers every registered
 * route to a catch-all, so controllers keep their paths, and a path no table has goes to the gateway's
 * not-found handler (404, or 405 with `Allow` from the live table).
 *
 * Bodies reach the handler as raw streams (no parser buffers them); the handlers call upstreams through
 * the service clients' keep-alive undici pools.
 */
export function registerRouteDispatcher(
  fastify: FastifyInstance,
  options: {
    current: () => RouteTable;
    /** Filled with the methods dispatched, once the plugin runs (other catch-alls are known by then). */
    methods: Set<string>;
  },
): void {
  const { current } = options;
  fastify.register(async (instance) => {
    const methods = dispatchableMethods(instance);
    options.methods.clear();
    for (const method of methods) options.methods.add(method);
    instance.removeAllContentTypeParsers();
    // The body stays a stream: the handler pipes it upstream (or reads it within the route's limit).
    instance.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    instance.route({
      method: methods,
      url: '*',
      exposeHeadRoute: false,
      handler: (request, reply) => {
        const entry = current().lookup(request.method, request.raw.url ?? '/');
        if (!entry) return reply.callNotFound();
        setRouteTemplate(request, entry.route.path);
        return entry.handle(request, reply);
      },
    });
  });
}
