import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BODY_LIMIT_CONFIG_KEY } from './device/body-limit.decorator';

/**
 * Nest has no per-route body limit of its own, so the `@BodyLimit()` a handler carries in its route
 * config is copied onto Fastify's route option as the route is registered. Fastify then refuses a larger
 * body before reading past the limit (or at once, from Content-Length), and the gateway's problem filter
 * answers 413. Runs before `listen`, hence before Nest registers its routes.
 */
function applyRouteBodyLimits(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      const limit = (route.config as Record<string, unknown> | undefined)?.[BODY_LIMIT_CONFIG_KEY];
      if (typeof limit === 'number') route.bodyLimit = limit;
    });
}

/** The IoT gateway's own set-up before it listens (main.ts and the e2e suites both use it). */
export function configureIotGateway(app: NestFastifyApplication): void {
  applyRouteBodyLimits(app);
}
