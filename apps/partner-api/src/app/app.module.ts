import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { ConsumersClient } from '@concierge/shared/data-access-clients';
import { GatewayStackModule } from '@concierge/shared/feature-gateway-stack';
import { partnerConfigProvider } from './config/partner-config.provider';
import { ConsumerDirectory } from './consumer/consumer-directory.service';
import { ConsumerGuard } from './consumer/consumer.guard';
import { verifyConsumerKey } from './consumer/consumer-key.verifier';
import { keyAttemptBudget } from './consumer/key-attempt-budget';
import { OrdersController } from './orders/orders.controller';
import { partnerServices } from './partner.services';
import { PartnerStoresModule } from './plans/partner-stores.module';
import { PlanLimitGuard } from './plans/plan-limit.guard';
import { ProductsController } from './products/products.controller';
import { DeprecatedOperations } from './shared/deprecated-operations';
import { PartnerMetrics } from './usage/partner.metrics';
import { UsageAdminEndpoint } from './usage/usage-admin.endpoint';
import { UsageController } from './usage/usage.controller';
import { UsageService } from './usage/usage.service';

@Module({
  imports: [
    GatewayStackModule.forRoot({
      realm: 'concierge-partner',
      services: partnerServices,
      rateLimitKeyBy: 'client',
      // Partners are limited by their plan (PlanLimitGuard); RATE_LIMIT_DEFAULT adds a gateway-wide limit.
      defaultRateLimit: 'off',
      // Partners' keys are checked by the consumers service (answers cached briefly by the auth library);
      // unknown keys within each client's failed-attempt budget, as device keys are.
      apiKeys: {
        client: ConsumersClient,
        verify: verifyConsumerKey,
        failedAttempts: (env) => keyAttemptBudget(env['API_KEY_ATTEMPTS_PER_IP'] as string),
      },
      // Beside this file in the sources, beside main.js in the build.
      routesFile: join(__dirname, 'routes.yaml'),
    }),
    PartnerStoresModule,
  ],
  controllers: [ProductsController, OrdersController, UsageController],
  providers: [
    partnerConfigProvider,
    ConsumerDirectory,
    ConsumerGuard,
    PlanLimitGuard,
    PartnerMetrics,
    UsageService,
    DeprecatedOperations,
    UsageAdminEndpoint,
  ],
})
export class AppModule {}
