import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { GatewayStackModule } from '@concierge/shared/feature-gateway-stack';
import { CommandsController } from './commands/commands.controller';
import { CommandsService } from './commands/commands.service';
import { DeviceConfigController } from './config/device-config.controller';
import { DeviceConfigService } from './config/device-config.service';
import { TelemetryController } from './telemetry/telemetry.controller';
import { TelemetryService } from './telemetry/telemetry.service';

@Module({
  imports: [
    GatewayStackModule.forRoot({
      realm: 'concierge-iot',
      services: ['devices', 'users'],
      rateLimitKeyBy: 'device',
      defaultRateLimit: '120/60s,burst=30',
      // Device clocks drift; a client-credentials token a minute off is still the device's.
      clockToleranceSec: 60,
      deviceKeys: true,
      // Beside this file in the sources, beside main.js in the build.
      routesFile: join(__dirname, 'routes.yaml'),
    }),
  ],
  controllers: [DeviceConfigController, TelemetryController, CommandsController],
  providers: [DeviceConfigService, TelemetryService, CommandsService],
})
export class AppModule {}
