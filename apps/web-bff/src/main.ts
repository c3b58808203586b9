import { join } from 'node:path';
import { bootstrapGateway } from '@concierge/shared/feature-gateway-core';
import type { FastifyInstance } from 'fastify';
import { AppModule } from './app/app.module';
import { serveWebApp } from './app/web-app/web-app.routes';
import { webEnvironment } from './app/web.environment';

void bootstrapGateway(AppModule, {
  name: 'web-bff',
  schema: webEnvironment,
  // The browser app at `/` when browser sessions are on (it signs in through them): the Vite build,
  // beside this bundle in dist/apps (or wherever WEB_APP_DIR says).
  configure: async (app, config) => {
    if (!config.OIDC_ISSUER) return;
    await serveWebApp(
      app.getHttpAdapter().getInstance() as FastifyInstance,
      config.WEB_APP_DIR ?? join(__dirname, '..', 'web-app'),
    );
  },
});
