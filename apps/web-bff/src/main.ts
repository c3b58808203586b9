import { bootstrapGateway } from '@concierge/shared/feature-gateway-core';
import { AppModule } from './app/app.module';
import { webEnvironment } from './app/web.environment';

void bootstrapGateway(AppModule, { name: 'web-bff', schema: webEnvironment });
