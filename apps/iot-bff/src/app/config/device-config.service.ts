import { Injectable } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { aggregate, type Parts } from '@concierge/shared/util-aggregation';
import { DevicesClient, UsersClient } from '@concierge/shared/data-access-clients';
import type { RequestContext } from '@concierge/shared/util-request-context';
import type { DeviceConfigParts } from './device-config.parts';
import { toDeviceConfigView } from './device-config.mapper';
import type { DeviceConfigView } from './device-config.view';

/** The whole config is due within this; each part has its own, shorter, deadline inside it. */
const CONFIG_DEADLINE_MS = 1_500;

/**
 * The device's registry record (required; it carries the config and the owner's id), then the owner's
 * profile for locale and units (optional) as soon as the owner's id is known. Two upstream calls.
 *
 * `GET /devices/:id` rather than `/devices/:id/config` in parallel with it: the record already holds the
 * config, and devices poll this endpoint, so a third call per poll would buy nothing.
 */
@Injectable()
export class DeviceConfigService {
  constructor(
    private readonly devices: DevicesClient,
    private readonly users: UsersClient,
  ) {}

  configOf(deviceId: string, context: RequestContext): Observable<DeviceConfigView> {
    const parts: Parts<DeviceConfigParts> = {
      device: {
        required: true,
        timeoutMs: 1_000,
        call: (_, ctx) => this.devices.getDevice(deviceId, { timeoutMs: ctx.remainingMs(), context }),
      },
      owner: {
        dependsOn: ['device'],
        timeoutMs: 500,
        call: ({ device }, ctx) =>
          this.users.getUser(device.ownerId, { timeoutMs: ctx.remainingMs(), context }),
      },
    };
    return aggregate(parts, { deadlineMs: CONFIG_DEADLINE_MS }).pipe(map(toDeviceConfigView));
  }
}
