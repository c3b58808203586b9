/**
 * What one inbound request carries that every upstream call it causes must carry on: its id, its W3C
 * trace context, the verified identity of the caller (as the headers services read) and its deadline.
 *
 * The gateway core opens a context per request and keeps it on the request; the auth layer fills
 * `identity`; the declared routes read it from the request, and controllers hand it to their services
 * (`@CallContext()`), which pass it to every call (`{ context }`). It is passed, never found in
 * AsyncLocalStorage: on Node 20 an entered store runs hooks for every promise and callback of the process,
 * a quarter of a BFF request's CPU time (docs/performance.md).
 */
export interface RequestContext {
  requestId: string;
  traceparent?: string;
  tracestate?: string;
  /** Headers that tell services who the verified caller is (`x-user-id`, ...). Set only by the auth layer. */
  identity: Record<string, string>;
  /** Epoch milliseconds after which nothing done for this request is of use. */
  deadline?: number;
}

const ON_REQUEST = Symbol('requestContext');

/** Keeps `context` on `request` (any per-request object: the framework's request). */
export function attachRequestContext(request: object, context: RequestContext): void {
  (request as { [ON_REQUEST]?: RequestContext })[ON_REQUEST] = context;
}

/** The context kept on `request` by {@link attachRequestContext}, if any. */
export function requestContextOf(request: object): RequestContext | undefined {
  return (request as { [ON_REQUEST]?: RequestContext })[ON_REQUEST];
}

/**
 * The context of `request`: the one kept on it, else a new one (no identity yet) kept on it from now on,
 * for a request that did not come through the gateway core's hooks (a library mounted alone).
 */
export function requestContextFor(request: { id: string }): RequestContext {
  let context = requestContextOf(request);
  if (!context) attachRequestContext(request, (context = { requestId: request.id, identity: {} }));
  return context;
}

/** The headers an upstream call made on behalf of a request must carry; none outside one. */
export function propagatedHeaders(context: RequestContext | undefined): Record<string, string> {
  if (!context) return {};
  const headers: Record<string, string> = { 'x-request-id': context.requestId, ...context.identity };
  if (context.traceparent) headers['traceparent'] = context.traceparent;
  if (context.tracestate) headers['tracestate'] = context.tracestate;
  return headers;
}
