import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { InvalidEnvironmentError } from '@concierge/shared/feature-gateway-core';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The page loads only its own scripts and styles and talks only to its own origin. */
const WEB_APP_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Vite names every file under `assets/` after its content: a new build is a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built browser app (`apps/web-app`, built by Vite into `dist/apps/web-app`) at `/`: public
 * files with nothing personal in them. One route per file found at start-up (no wildcard, so every
 * other path still gets the gateway's own 404/405); hashed assets are cached for good, `index.html`
 * is revalidated on every load so a deploy is picked up at once; the app's CSP replaces the API's.
 */
export async function serveWebApp(fastify: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new InvalidEnvironmentError([
      `WEB_APP_DIR: no built web app in ${root} (npx nx build web-app, or point WEB_APP_DIR at one)`,
    ]);
  }
  await fastify.register(fastifyStatic, {
    root,
    wildcard: false,
    decorateReply: false,
    cacheControl: false,
    serveDotFiles: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      reply.header('content-security-policy', WEB_APP_CONTENT_SECURITY_POLICY);
      reply.header('cache-control', path.startsWith(join(root, 'assets')) ? IMMUTABLE : 'no-cache');
    },
  });
}
