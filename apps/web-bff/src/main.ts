import { bootstrapGateway } from '@concierge/shared/feature-gateway-core';
import { AppModule } from './app/app.module';
import { webEnvironment } from './app/web.environment';
import { closeConnectionsOnDrain } from './shutdown/close-connections-on-drain';
import { exitZeroAfterShutdown } from './shutdown/exit-zero-after-shutdown';

void bootstrapGateway(AppModule, {
  name: 'web-bff',
  schema: webEnvironment,
  configure: (app) => closeConnectionsOnDrain(app.getHttpAdapter().getInstance()),
}).then(() => exitZeroAfterShutdown());
