import { RouteConfig } from '@nestjs/platform-fastify';

/** Where {@link BodyLimit} leaves its value in the Fastify route's `config`. */
export const BODY_LIMIT_CONFIG_KEY = 'bodyLimitBytes';

/**
 * This route reads at most `bytes` of request body (413 problem+json past it) instead of the gateway-wide
 * `BODY_LIMIT_BYTES`. Takes effect through {@link applyRouteBodyLimits}, which the app's `configure` runs.
 */
export const BodyLimit = (bytes: number): MethodDecorator => RouteConfig({ [BODY_LIMIT_CONFIG_KEY]: bytes });
