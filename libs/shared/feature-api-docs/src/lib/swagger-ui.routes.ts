import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
// @ts-expect-error -- swagger-ui-dist ships no types; this file exports one function returning its folder.
import swaggerUiFolder from 'swagger-ui-dist/absolute-path.js';

/**
 * Swagger UI's page: its scripts and styles come from the gateway itself, its images are inline SVGs, and
 * "Try it out" calls the same origin. Nothing else may load or frame it.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The files of `swagger-ui-dist` the page loads; nothing else of that folder is served. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function pageHtml(base: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="${base}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${base}/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="${base}/favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${base}/swagger-ui-bundle.js"></script>
  <script src="${base}/swagger-ui-init.js"></script>
</body>
</html>
`;
}

function initJs(documentUrl: string): string {
  const options = {
    url: documentUrl,
    dom_id: '#swagger-ui',
    deepLinking: true,
    docExpansion: 'list',
    displayRequestDuration: true,
    persistAuthorization: false,
  };
  return `window.ui = SwaggerUIBundle(Object.assign(${JSON.stringify(options)}, { presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout' }));\n`;
}

/**
 * Registers Swagger UI straight on Fastify: the page at `page`, its assets and start-up script under it,
 * reading the document from `documentUrl`. Every answer carries the page's own Content-Security-Policy;
 * the script is a file, not inline, so that policy needs no `unsafe-inline` for scripts.
 */
export function installSwaggerUi(
  fastify: FastifyInstance,
  { page, documentUrl, title }: { page: string; documentUrl: string; title: string },
): void {
  const html = pageHtml(page, title);
  const init = initJs(documentUrl);
  const files = new Map<string, Buffer>();
  const send = (reply: FastifyReply, type: string, body: string | Buffer) =>
    reply
      .header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .type(type)
      .send(body);

  fastify.get(page, (_request, reply) => send(reply, 'text/html; charset=utf-8', html));
  fastify.get(`${page}/`, (_request, reply) => send(reply, 'text/html; charset=utf-8', html));
  fastify.get(`${page}/swagger-ui-init.js`, (_request, reply) =>
    send(reply, 'application/javascript; charset=utf-8', init),
  );
  fastify.get<{ Params: { file: string } }>(`${page}/:file`, (request, reply) => {
    const { file } = request.params;
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) return reply.callNotFound();
    let body = files.get(file);
    if (!body) files.set(file, (body = readFileSync(join((swaggerUiFolder as () => string)(), file))));
    return send(reply, type, body);
  });
}
