import type { FastifyInstance } from 'fastify';

export interface SecurityHeadersOptions {
  /** `Strict-Transport-Security` max-age in seconds; 0 sends none (TLS is terminated before the gateway). */
  hstsMaxAgeSec: number;
}

/** A JSON API is never a document: nothing may load from it, frame it, or run in its origin. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * The response headers OWASP's REST Security cheat sheet asks of a JSON API, as one constant table set
 * with a single `reply.headers()` per request (helmet builds its middleware on every request, and most of
 * its headers — DNS prefetch, IE download options, Flash policies, the XSS auditor — concern HTML pages a
 * gateway never serves). No `X-Powered-By` or `Server` banner is ever added.
 */
function securityHeaders({ hstsMaxAgeSec }: SecurityHeadersOptions): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
    ...(hstsMaxAgeSec > 0
      ? { 'strict-transport-security': `max-age=${hstsMaxAgeSec}; includeSubDomains` }
      : {}),
  };
}

/**
 * The Swagger UI (`/docs` and its assets) is a page with scripts and styles: it brings its own
 * Content-Security-Policy. Everything else, `/docs-json` included, gets the API's.
 */
function isDocsPage(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
}

/** Security headers on every response, errors included (runs first in `onRequest`). */
export function installSecurityHeaders(fastify: FastifyInstance, options: SecurityHeadersOptions): void {
  const common = securityHeaders(options);
  const api = { ...common, 'content-security-policy': API_CONTENT_SECURITY_POLICY };
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(isDocsPage(request.url) ? common : api);
    done();
  });
}
