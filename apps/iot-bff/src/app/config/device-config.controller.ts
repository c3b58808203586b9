import { Controller, Get } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { Authenticated } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { CurrentDeviceId } from '../device/current-device.decorator';
import { DeviceConfigService } from './device-config.service';
import type { DeviceConfigView } from './device-config.view';

@Controller('api/v1/config')
export class DeviceConfigController {
  constructor(private readonly configs: DeviceConfigService) {}

  /** The calling device's own config, compact. */
  @Get()
  @Authenticated({ principal: 'device', scopes: ['devices:config'] })
  show(
    @CurrentDeviceId() deviceId: string,
    @CallContext() context: RequestContext,
  ): Observable<DeviceConfigView> {
    return this.configs.configOf(deviceId, context);
  }
}
