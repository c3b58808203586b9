const ROUTE_TEMPLATE = Symbol.for('concierge.routeTemplate');

/**
 * Names the route template (`/catalog/products/:id`) that served a request whose router only knows a
 * catch-all: the declared routes' table is looked up behind one Fastify route, and metrics and traces
 * still count by the declared route's own template.
 */
export function setRouteTemplate(request: object, template: string): void {
  (request as { [ROUTE_TEMPLATE]?: string })[ROUTE_TEMPLATE] = template;
}

/** The template set by {@link setRouteTemplate}, if any. */
export function routeTemplateOf(request: object): string | undefined {
  return (request as { [ROUTE_TEMPLATE]?: string })[ROUTE_TEMPLATE];
}
