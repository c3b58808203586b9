import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { GatewayConfig, ReadinessService, type EnvironmentOf } from '@concierge/shared/feature-gateway-core';
import { GatewayStackModule } from '@concierge/shared/feature-gateway-stack';
import { SessionModule } from '@concierge/shared/feature-session';
import { parseClusterNodes } from '@concierge/shared/data-access-redis';
import { CatalogController } from './catalog/catalog.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';
import { OrdersController } from './orders/orders.controller';
import { OrdersService } from './orders/orders.service';
import { ProductsController } from './products/products.controller';
import { ProductsService } from './products/products.service';
import type { webEnvironment } from './web.environment';
import { webServices } from './web.services';

@Module({
  imports: [
    GatewayStackModule.forRoot({
      realm: 'concierge-web',
      services: webServices,
      rateLimitKeyBy: 'user',
      defaultRateLimit: '600/60s,burst=100',
      // Beside this file in the sources, beside main.js in the build.
      routesFile: join(__dirname, 'routes.yaml'),
    }),
    // Browser sessions (the BFF token handler), on only when OIDC_ISSUER is set.
    SessionModule.forRootAsync({
      inject: [GatewayConfig, ReadinessService],
      useFactory: (
        { env }: GatewayConfig<EnvironmentOf<typeof webEnvironment>>,
        readiness: ReadinessService,
      ) => ({
        oidc:
          env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
            ? {
                issuer: env.OIDC_ISSUER,
                clientId: env.OIDC_CLIENT_ID,
                clientSecret: env.OIDC_CLIENT_SECRET,
                scope: env.OIDC_SCOPE,
              }
            : undefined,
        publicOrigin: env.PUBLIC_ORIGIN,
        sessionSecret: env.SESSION_SECRET,
        allowedOrigins: env.CORS_ORIGINS.split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
        redisUrl: env.REDIS_URL,
        redisClusterNodes: env.REDIS_CLUSTER_NODES ? parseClusterNodes(env.REDIS_CLUSTER_NODES) : undefined,
        keyPrefix: env.SESSION_KEY_PREFIX,
        idleTimeoutSec: env.SESSION_IDLE_TIMEOUT_SEC,
        absoluteTimeoutSec: env.SESSION_ABSOLUTE_TIMEOUT_SEC,
        readiness,
      }),
    }),
  ],
  controllers: [DashboardController, CatalogController, ProductsController, OrdersController],
  providers: [DashboardService, ProductsService, OrdersService],
})
export class AppModule {}
