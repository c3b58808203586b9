import { bootstrapGateway } from '@concierge/shared/feature-gateway-core';
import type { FastifyInstance } from 'fastify';
import { AppModule } from './app/app.module';
import { serveWebApp } from './app/web-app/web-app.routes';
import { webEnvironment } from './app/web.environment';

void bootstrapGateway(AppModule, {
  name: 'web-bff',
  schema: webEnvironment,
  // The browser app at `/` when browser sessions are on (it signs in through them).
  configure: (app, config) => {
    if ((config as unknown as Record<string, unknown>)['OIDC_ISSUER'])
      serveWebApp(app.getHttpAdapter().getInstance() as FastifyInstance);
  },
});
