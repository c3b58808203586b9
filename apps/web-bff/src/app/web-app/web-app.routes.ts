import type { FastifyInstance } from 'fastify';
import { WEB_APP_CSS, WEB_APP_HTML, WEB_APP_JS } from './web-app.assets';

// The page loads only its own script and style and talks only to its own origin.
const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Serves the browser app (`/`, `/app.js`, `/app.css`): public, no token, nothing personal in it. */
export function serveWebApp(fastify: FastifyInstance): void {
  const asset = (url: string, type: string, body: string) =>
    fastify.get(url, (_request, reply) =>
      reply
        .header('content-security-policy', PAGE_POLICY)
        .header('cache-control', 'no-cache')
        .type(type)
        .send(body),
    );
  asset('/', 'text/html; charset=utf-8', WEB_APP_HTML);
  asset('/app.js', 'text/javascript; charset=utf-8', WEB_APP_JS);
  asset('/app.css', 'text/css; charset=utf-8', WEB_APP_CSS);
}
