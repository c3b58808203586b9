import type { HeaderMap } from './cache.types';

/**
 * Response headers that describe one exchange rather than the representation: who asked (`x-request-id`,
 * trace context), what this caller may still do (`RateLimit*`), how this answer was obtained
 * (`Cache-Status`, `Server-Timing`), what this caller's browser may do with it (CORS, security headers)
 * and state handed to this caller (`Set-Cookie`). A cache never stores them, and never replays them from
 * a stored entry: the gateway sets its own for each request.
 */
const PER_EXCHANGE = new Set([
  'x-request-id',
  'traceparent',
  'tracestate',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'cache-status',
  'server-timing',
  'set-cookie',
  'set-cookie2',
  'content-security-policy',
  'content-security-policy-report-only',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
  'x-xss-protection',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-resource-policy',
  'cross-origin-opener-policy',
  'cross-origin-embedder-policy',
  'origin-agent-cluster',
  'x-permitted-cross-domain-policies',
  'x-dns-prefetch-control',
  'x-download-options',
  'timing-allow-origin',
]);

const PER_EXCHANGE_PREFIXES = ['access-control-', 'x-ratelimit-'];

/** Whether a (lower-case) response header belongs to one exchange and so is never stored or replayed. */
function isPerExchangeHeader(name: string): boolean {
  return PER_EXCHANGE.has(name) || PER_EXCHANGE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** The headers without the per-exchange ones (a new object; values kept as they are). */
export function withoutPerExchange<T extends HeaderMap>(headers: T): T {
  const out: HeaderMap = {};
  for (const name in headers) {
    if (!isPerExchangeHeader(name)) out[name] = headers[name];
  }
  return out as T;
}
