import { bootstrapGateway } from '@concierge/shared/feature-gateway-core';
import { AppModule } from './app/app.module';
import { configureMobileHttp } from './app/http/mobile-http.configure';
import { mobileEnvironment } from './app/mobile.environment';

void bootstrapGateway(AppModule, {
  name: 'mobile-bff',
  schema: mobileEnvironment,
  configure: configureMobileHttp,
});
