import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuthModule } from '@concierge/shared/feature-auth';
import { ServiceClientsModule, UpstreamRegistry } from '@concierge/shared/data-access-service-clients';
import { UPSTREAM_STATUS_SOURCE } from '@concierge/shared/feature-gateway-core';
import { CatalogController } from './catalog/catalog.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardService } from './dashboard/dashboard.service';

@Module({
  imports: [
    AuthModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        realm: 'concierge-web',
        jwt: {
          jwksUri: config.getOrThrow('JWT_JWKS_URI'),
          issuer: config.getOrThrow('JWT_ISSUER'),
          audience: config.getOrThrow('JWT_AUDIENCE'),
          clockToleranceSec: config.get('JWT_CLOCK_TOLERANCE_SEC') ?? 5,
          hs256Secret: config.get('JWT_HS256_SECRET'),
        },
      }),
    }),
    ServiceClientsModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        services: {
          users: { baseUrl: config.getOrThrow('USERS_SERVICE_URL') },
          catalog: { baseUrl: config.getOrThrow('CATALOG_SERVICE_URL') },
          orders: { baseUrl: config.getOrThrow('ORDERS_SERVICE_URL') },
        },
        defaults: {
          timeoutMs: config.getOrThrow('UPSTREAM_TIMEOUT_MS'),
          connections: config.getOrThrow('UPSTREAM_CONNECTIONS'),
        },
      }),
    }),
  ],
  controllers: [DashboardController, CatalogController],
  providers: [DashboardService, { provide: UPSTREAM_STATUS_SOURCE, useExisting: UpstreamRegistry }],
})
export class AppModule {}
