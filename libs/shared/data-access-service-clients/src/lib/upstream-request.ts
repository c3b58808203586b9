import { Readable } from 'node:stream';
import type { RequestContext } from '@concierge/shared/util-request-context';

/** A query string value; arrays become repeated parameters, `undefined` is left out. */
export type QueryValue = string | number | boolean | undefined | null | Array<string | number>;

/** Per-call options every client method takes. */
export interface CallOptions {
  /**
   * The request this call is made for (a controller's `@CallContext()`): its id, trace context and
   * verified identity go upstream, and its deadline caps the call's. Without one the call carries none.
   */
  context?: RequestContext;
  /** Deadline of this call (ms), capped by what remains of the request's deadline. */
  timeoutMs?: number;
  /** Extra headers (hop-by-hop and identity headers are dropped; propagated ones are added). */
  headers?: Record<string, string | string[] | undefined>;
  /** Aborts the call when the caller gives up some other way than unsubscribing. */
  signal?: AbortSignal;
  /**
   * Safe to send again although the method is not (the service dedupes, or the POST only reads). Default:
   * GET/HEAD/OPTIONS, or a request carrying `Idempotency-Key`.
   */
  idempotent?: boolean;
  /**
   * Runs the call under a policy of its own for this service (its own bulkhead, breaker and retry budget,
   * same settings), named by this value, so a class of calls that anyone can cause (e.g. checking unknown
   * credentials) can never fill the bulkhead or open the breaker of the service's other calls.
   */
  isolation?: string;
}

/** A request for {@link UpstreamClient.request}: a pass-through or any call without a typed method. */
export interface UpstreamRequest extends CallOptions {
  method: string;
  /** Path on the service, starting with `/`; may already carry a query string. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON-serialisable value, string, Buffer or stream (a stream body is never retried). */
  body?: unknown;
  /** `json` (default: parsed when it is JSON), `text`, `arraybuffer` or `stream` (the body unread). */
  responseType?: 'json' | 'text' | 'arraybuffer' | 'stream';
  /** Route template for metrics (`/products/:id`); default: the path with id-like segments as `:id`. */
  route?: string;
}

/** What {@link UpstreamClient.request} resolves with. */
export interface UpstreamResponse<T = unknown> {
  status: number;
  /** Lower-case names; hop-by-hop headers removed. */
  headers: Record<string, string | string[]>;
  data: T;
}

/** `path` + encoded `query`. */
export function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  let qs = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      qs += (qs ? '&' : '') + encodeURIComponent(key) + '=' + encodeURIComponent(String(item));
    }
  }
  if (!qs) return path;
  return path + (path.includes('?') ? '&' : '?') + qs;
}

const ID_LIKE = /^(?=.*\d)[A-Za-z0-9._~-]+$/;

/** `/products/p-123/stock?x=1` → `/products/:id/stock`: a label that does not grow with the data. */
export function routeOf(path: string): string {
  const q = path.indexOf('?');
  const bare = q < 0 ? path : path.slice(0, q);
  return bare
    .split('/')
    .map((segment) => (ID_LIKE.test(segment) ? ':id' : segment))
    .join('/');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Safe to send twice: a safe method, or a write carrying `Idempotency-Key` whose body can be sent again. */
export function isIdempotent(
  method: string,
  headers: Record<string, string>,
  body: unknown,
  declared?: boolean,
): boolean {
  if (body instanceof Readable) return false;
  if (declared !== undefined) return declared;
  return SAFE_METHODS.has(method) || headers['idempotency-key'] !== undefined;
}
