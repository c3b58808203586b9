import type { DeviceKeyVerification } from '@concierge/shared/util-contracts';
import type { ResolvedDeviceKeyOptions } from './auth-options';
import { KeyVerificationCache } from './key-verification.cache';

/**
 * Device keys' answers (see `KeyVerificationCache`): a key proves a device when its answer names one.
 * Unknown keys are checked through the same per-client failed-attempt budget as partners' API keys.
 */
export class DeviceKeyCache extends KeyVerificationCache<DeviceKeyVerification> {
  constructor(options: ResolvedDeviceKeyOptions) {
    super({
      ...options,
      proves: (answer) => typeof answer.deviceId === 'string' && answer.deviceId.length > 0,
      invalid: { valid: false },
    });
  }
}
