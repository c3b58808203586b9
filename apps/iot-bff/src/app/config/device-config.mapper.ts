import type { AggregateResult } from '@concierge/shared/util-aggregation';
import type { DeviceConfigParts } from './device-config.parts';
import type { DeviceConfigView } from './device-config.view';
import { unitsOf } from './units';

/** Shapes a device's config for the device itself. Pure: the parts in, the compact view out. */
export function toDeviceConfigView({ data, meta }: AggregateResult<DeviceConfigParts>): DeviceConfigView {
  const device = data.device;
  if (!device) throw new Error('The device record is a required part of the config');
  const { config } = device;
  const owner = data.owner;
  return {
    d: device.id,
    v: config.firmware,
    iv: config.reportIntervalSec,
    th: { t: config.thresholds.temperatureMaxC, h: config.thresholds.humidityMaxPct },
    f: config.features,
    u: config.updatedAt,
    l: owner ? owner.preferences.language : null,
    un: owner ? unitsOf(owner.address.country) : null,
    mi: meta.missing,
  };
}
