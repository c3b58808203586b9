import { bootstrapGateway } from '@concierge/shared/feature-gateway-core';
import { AppModule } from './app/app.module';
import { configurePartnerGateway } from './app/configure-partner-gateway';
import { partnerEnvironment } from './app/partner.environment';

void bootstrapGateway(AppModule, {
  name: 'partner-api',
  schema: partnerEnvironment,
  configure: configurePartnerGateway,
});
