import { Injectable } from '@nestjs/common';
import { pathSegment, UpstreamClient, type CallOptions } from '@concierge/shared/data-access-service-clients';
import {
  Device,
  DeviceCommand,
  DeviceConfig,
  DeviceKeyVerification,
  TelemetryBatch,
  TelemetryResult,
} from '@concierge/shared/util-contracts';
import { Observable, map } from 'rxjs';
import { itemsOf } from './batch';

/** The devices service: configuration, telemetry, commands and device keys. */
@Injectable()
export class DevicesClient {
  /** The service this client calls: a gateway declares it under this name. */
  static readonly service = 'devices';

  constructor(private readonly upstream: UpstreamClient) {}

  /** `GET /devices/:id`: the device, its owner and its config. */
  getDevice(deviceId: string, options?: CallOptions): Observable<Device> {
    return this.upstream.get(DevicesClient.service, '/devices/:id', devicePath(deviceId), undefined, options);
  }

  /** `GET /devices/:id/config`. */
  getConfig(deviceId: string, options?: CallOptions): Observable<DeviceConfig> {
    return this.upstream.get(
      DevicesClient.service,
      '/devices/:id/config',
      `${devicePath(deviceId)}/config`,
      undefined,
      options,
    );
  }

  /**
   * `POST /devices/:id/telemetry`. The service dedupes readings by (device, seq), so a batch is safe to
   * send again and the call is retried like a GET.
   */
  postTelemetry(
    deviceId: string,
    batch: TelemetryBatch,
    options: CallOptions = {},
  ): Observable<TelemetryResult> {
    return this.upstream.post(
      DevicesClient.service,
      '/devices/:id/telemetry',
      `${devicePath(deviceId)}/telemetry`,
      batch,
      {
        idempotent: true,
        ...options,
      },
    );
  }

  /** `GET /devices/:id/commands?pending=true` (all commands when `pending` is false). */
  listCommands(deviceId: string, pending = true, options?: CallOptions): Observable<DeviceCommand[]> {
    return this.upstream
      .get<DeviceCommand[] | { items: DeviceCommand[] }>(
        DevicesClient.service,
        '/devices/:id/commands',
        `${devicePath(deviceId)}/commands`,
        pending ? { pending: 'true' } : undefined,
        options,
      )
      .pipe(map(itemsOf));
  }

  /** `POST /devices/:id/commands/:commandId/ack`; acknowledging twice is harmless, so it may be retried. */
  ackCommand(deviceId: string, commandId: string, options: CallOptions = {}): Observable<DeviceCommand> {
    return this.upstream.post(
      DevicesClient.service,
      '/devices/:id/commands/:commandId/ack',
      `${devicePath(deviceId)}/commands/${pathSegment(commandId)}/ack`,
      undefined,
      { idempotent: true, ...options },
    );
  }

  /** `POST /device-keys/verify` with `{ key }`: whose key it is, if it is valid. Read-only, so retried. */
  verifyKey(key: string, options: CallOptions = {}): Observable<DeviceKeyVerification> {
    return this.upstream.post(
      DevicesClient.service,
      '/device-keys/verify',
      '/device-keys/verify',
      { key },
      { idempotent: true, ...options },
    );
  }
}

function devicePath(deviceId: string): string {
  return `/devices/${pathSegment(deviceId)}`;
}
