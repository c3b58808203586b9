import type { FastifyCorsOptions } from '@fastify/cors';

export interface CorsSettings {
  /** Comma-separated origins, e.g. `https://app.example.com, http://localhost:4200`; empty: no CORS. */
  origins: string;
  credentials: boolean;
  maxAgeSec: number;
}

/** The allow-list as exact origins (scheme, host, port), or none. */
export function parseCorsOrigins(list: string): string[] {
  return list
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin.length > 0);
}

/**
 * `@fastify/cors` options for an allow-list, or `undefined` when no origin is listed: then no CORS header
 * is ever sent and browsers keep other origins out. A disallowed origin gets no
 * `Access-Control-Allow-Origin`; preflights are answered by the plugin, before authentication.
 */
export function corsOptions({
  origins,
  credentials,
  maxAgeSec,
}: CorsSettings): FastifyCorsOptions | undefined {
  const allowed = parseCorsOrigins(origins);
  if (allowed.length === 0) return undefined;
  return {
    origin: allowed,
    credentials,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // x-csrf: the header a browser app sends with every session-cookie call (feature-session).
    allowedHeaders: [
      'authorization',
      'content-type',
      'x-request-id',
      'idempotency-key',
      'if-none-match',
      'traceparent',
      'tracestate',
      'x-csrf',
    ],
    exposedHeaders: ['x-request-id', 'etag', 'retry-after', 'ratelimit', 'ratelimit-policy', 'location'],
    maxAge: maxAgeSec,
    strictPreflight: true,
  };
}
