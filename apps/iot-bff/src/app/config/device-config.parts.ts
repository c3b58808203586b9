import type { Device, UserProfile } from '@concierge/shared/util-contracts';

/** What a device's config response is assembled from: one key per part of the aggregation. */
export interface DeviceConfigParts {
  /** The registry record: the config itself and the owner's id. */
  device: Device;
  /** The owner, for locale and units only. */
  owner: UserProfile;
}
