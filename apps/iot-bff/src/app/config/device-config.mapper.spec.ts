import type { AggregateResult } from '@concierge/shared/util-aggregation';
import type { Device, UserProfile } from '@concierge/shared/util-contracts';
import type { DeviceConfigParts } from './device-config.parts';
import { toDeviceConfigView } from './device-config.mapper';

const device: Device = {
  id: 'dev-0001',
  ownerId: 'u-1001',
  model: 'ThermoSense T2',
  name: 'Kitchen ThermoSense',
  location: 'Kitchen',
  config: {
    reportIntervalSec: 60,
    firmware: '1.4.2',
    thresholds: { temperatureMaxC: 40, humidityMaxPct: 80 },
    features: ['ota-updates', 'alerts'],
    updatedAt: '2025-01-02T03:04:05.000Z',
  },
};

const owner = {
  id: 'u-1001',
  address: { line1: '1 High Street', city: 'London', postcode: '12345', country: 'GB' },
  preferences: {
    language: 'en-GB',
    currency: 'GBP',
    newsletter: false,
    theme: 'light',
    favouriteCategories: [],
  },
} as unknown as UserProfile;

function parts(
  data: Partial<AggregateResult<DeviceConfigParts>['data']>,
  missing: Array<keyof DeviceConfigParts> = [],
) {
  return { data: { device: null, owner: null, ...data }, meta: { partial: missing.length > 0, missing } };
}

describe(toDeviceConfigView.name, () => {
  it('shapes the config with short keys and the owner locale and units', () => {
    const sut = toDeviceConfigView(parts({ device, owner }));
    expect(sut).toEqual({
      d: 'dev-0001',
      v: '1.4.2',
      iv: 60,
      th: { t: 40, h: 80 },
      f: ['ota-updates', 'alerts'],
      u: '2025-01-02T03:04:05.000Z',
      l: 'en-GB',
      un: 'metric',
      mi: [],
    });
  });

  it('leaves out everything the device has no use for (owner details, model, location)', () => {
    const json = JSON.stringify(toDeviceConfigView(parts({ device, owner })));
    expect(json).not.toMatch(/u-1001|High Street|Kitchen|ThermoSense|GBP/);
  });

  it('gives null locale and units, and names the owner as missing, when the users service did not answer', () => {
    const sut = toDeviceConfigView(parts({ device }, ['owner']));
    expect(sut).toMatchObject({ d: 'dev-0001', v: '1.4.2', l: null, un: null, mi: ['owner'] });
  });

  it('says imperial for an owner in the United States', () => {
    const american = { ...owner, address: { ...owner.address, country: 'US' } };
    expect(toDeviceConfigView(parts({ device, owner: american })).un).toBe('imperial');
  });

  it('refuses to shape a config without the device record', () => {
    expect(() => toDeviceConfigView(parts({ owner }, ['device']))).toThrow(/required/);
  });
});
