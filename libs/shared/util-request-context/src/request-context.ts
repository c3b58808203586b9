import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one inbound request carries that every upstream call it causes must carry on: its id, its W3C
 * trace context, the verified identity of the caller (as the headers services read) and its deadline.
 *
 * The gateway core opens a context per request and keeps it on the request; the auth layer fills
 * `identity`; the service clients and declared routes read it. For NestJS controllers it also lives in
 * AsyncLocalStorage, so nothing has to thread it through every call by hand. Routes that have the request
 * in hand (the declared routes) read it from there: Node 20's AsyncLocalStorage runs hooks for every
 * promise and callback while a store is entered, the largest single cost of a proxied request.
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

const storage = new AsyncLocalStorage<RequestContext>();
const ON_REQUEST = Symbol('requestContext');

/**
 * Fastify's route `config` of a route whose handler reads its context with `requestContextOf`: the
 * gateway then enters no AsyncLocalStorage for it.
 */
export const CONTEXT_FROM_REQUEST = { requestContext: 'from-request' } as const;

/** Whether a route's `config` is {@link CONTEXT_FROM_REQUEST}'s. */
export function readsContextFromRequest(config: unknown): boolean {
  return (config as { requestContext?: unknown } | undefined)?.requestContext === 'from-request';
}

/** Keeps `context` on `request` (any per-request object: the framework's request). */
export function attachRequestContext(request: object, context: RequestContext): void {
  (request as { [ON_REQUEST]?: RequestContext })[ON_REQUEST] = context;
}

/** The context kept on `request` by {@link attachRequestContext}, if any. */
export function requestContextOf(request: object): RequestContext | undefined {
  return (request as { [ON_REQUEST]?: RequestContext })[ON_REQUEST];
}

/** Runs `fn` (and everything it starts) inside `context`. */
export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the request being served, or undefined outside one (start-up, timers, tests). */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The headers an upstream call made on behalf of the current request must carry. */
export function propagatedHeaders(context = currentRequestContext()): Record<string, string> {
  if (!context) return {};
  const headers: Record<string, string> = { 'x-request-id': context.requestId, ...context.identity };
  if (context.traceparent) headers['traceparent'] = context.traceparent;
  if (context.tracestate) headers['tracestate'] = context.tracestate;
  return headers;
}
