import type { Device, UserProfile } from '@concierge/shared/util-contracts';
import { DEVICE_FEATURES, DEVICE_LOCATIONS, DEVICE_MODELS } from './people.words';
import { SeededRandom } from './prng';
import { SEED_EPOCH_MS } from './seed.constants';

const DEVICE_COUNT = 20;

/** The demo devices with fixed keys belong to alice; bob gets one too, so ownership can be tested. */
const FIXED_OWNERS: Record<string, string> = {
  'dev-0001': 'u-1001',
  'dev-0002': 'u-1001',
  'dev-0003': 'u-1002',
};

function deviceId(n: number): string {
  return `dev-${String(n).padStart(4, '0')}`;
}

export function seedDevices(seed: number, users: UserProfile[]): Device[] {
  const rng = new SeededRandom(seed, 'devices');
  const customers = users.filter((u) => u.id !== 'u-1000');
  const devices: Device[] = [];
  for (let n = 1; n <= DEVICE_COUNT; n++) {
    const id = deviceId(n);
    const model = rng.pick(DEVICE_MODELS);
    const location = rng.pick(DEVICE_LOCATIONS);
    devices.push({
      id,
      ownerId: FIXED_OWNERS[id] ?? rng.pick(customers).id,
      model,
      name: `${location} ${model.split(' ')[0]}`,
      location,
      config: {
        reportIntervalSec: rng.pick([10, 30, 60, 300]),
        firmware: `${rng.int(1, 3)}.${rng.int(0, 9)}.${rng.int(0, 20)}`,
        thresholds: { temperatureMaxC: rng.int(28, 45), humidityMaxPct: rng.int(60, 90) },
        features: rng.sample(DEVICE_FEATURES, rng.int(2, 4)),
        updatedAt: new Date(SEED_EPOCH_MS - rng.int(1, 90) * 86_400_000).toISOString(),
      },
    });
  }
  return devices;
}
