import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one inbound request carries that every upstream call it causes must carry on: its id, its W3C
 * trace context, the verified identity of the caller (as the headers services read) and its deadline.
 *
 * The gateway core opens a context per request; the auth guard fills `identity`; the service clients read
 * it. It lives in AsyncLocalStorage so nothing has to thread it through every call by hand.
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
