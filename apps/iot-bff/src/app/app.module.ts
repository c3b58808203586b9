import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { firstValueFrom } from 'rxjs';
import { DevicesClient } from '@concierge/shared/data-access-clients';
import { GatewayStackModule } from '@concierge/shared/feature-gateway-stack';
import { CommandsController } from './commands/commands.controller';
import { CommandsService } from './commands/commands.service';
import { DeviceConfigController } from './config/device-config.controller';
import { DeviceConfigService } from './config/device-config.service';
import { TelemetryController } from './telemetry/telemetry.controller';
import { TelemetryService } from './telemetry/telemetry.service';
import { iotServices } from './iot.services';

@Module({
  imports: [
    GatewayStackModule.forRoot({
      realm: 'concierge-iot',
      services: iotServices,
      rateLimitKeyBy: 'device',
      defaultRateLimit: '120/60s,burst=30',
      // Device clocks drift; a client-credentials token a minute off is still the device's.
      clockToleranceSec: 60,
      // Device keys are checked by the devices service (its answers are cached briefly by the auth library).
      deviceKeys: {
        client: DevicesClient,
        // Keys nobody has seen succeed are checked under a policy of their own, so guesses can never fill the
        // devices service's bulkhead or open the breaker that genuine devices rely on.
        verify: (devices: DevicesClient, key, check) =>
          firstValueFrom(devices.verifyKey(key, check.known ? {} : { isolation: 'unknown-device-keys' })),
      },
      // Beside this file in the sources, beside main.js in the build.
      routesFile: join(__dirname, 'routes.yaml'),
    }),
  ],
  controllers: [DeviceConfigController, TelemetryController, CommandsController],
  providers: [DeviceConfigService, TelemetryService, CommandsService],
})
export class AppModule {}
