import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { Authenticated } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { BodyLimit } from '../device/body-limit.decorator';
import { CurrentDeviceId } from '../device/current-device.decorator';
import { TelemetryBatchDto } from './telemetry-batch.dto';
import { TELEMETRY_BODY_LIMIT_BYTES } from './telemetry.limits';
import { TelemetryService } from './telemetry.service';
import type { TelemetryReceiptView } from './telemetry.view';

@Controller('api/v1/telemetry')
export class TelemetryController {
  constructor(private readonly telemetry: TelemetryService) {}

  /** A batch of the calling device's readings; a resent batch is answered with its duplicates. */
  @Post()
  @HttpCode(200)
  @BodyLimit(TELEMETRY_BODY_LIMIT_BYTES)
  @Authenticated({ principal: 'device', scopes: ['devices:telemetry'] })
  submit(
    @CurrentDeviceId() deviceId: string,
    @Body() batch: TelemetryBatchDto,
    @CallContext() context: RequestContext,
  ): Observable<TelemetryReceiptView> {
    return this.telemetry.submit(deviceId, batch, context);
  }
}
