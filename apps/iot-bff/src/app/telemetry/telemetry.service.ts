import { Injectable } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { DevicesClient } from '@concierge/shared/data-access-clients';
import type { RequestContext } from '@concierge/shared/util-request-context';
import type { TelemetryBatchDto } from './telemetry-batch.dto';
import { toTelemetryBatch, toTelemetryReceipt } from './telemetry.mapper';
import type { TelemetryReceiptView } from './telemetry.view';

/**
 * Hands a device's batch to the devices service, which stores each (device, seq) once. The call is safe to
 * retry (the client does, on connect errors and 502/503/504), and so is the device's own retry.
 */
@Injectable()
export class TelemetryService {
  constructor(private readonly devices: DevicesClient) {}

  submit(
    deviceId: string,
    batch: TelemetryBatchDto,
    context: RequestContext,
  ): Observable<TelemetryReceiptView> {
    return this.devices
      .postTelemetry(deviceId, toTelemetryBatch(batch), { context })
      .pipe(map(toTelemetryReceipt));
  }
}
