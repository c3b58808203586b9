import { bootstrapGateway } from '@concierge/shared/feature-gateway-core';
import { AppModule } from './app/app.module';
import { configureIotGateway } from './app/configure-iot-gateway';
import { iotEnvironment } from './app/iot.environment';

void bootstrapGateway(AppModule, { name: 'iot-bff', schema: iotEnvironment, configure: configureIotGateway });
