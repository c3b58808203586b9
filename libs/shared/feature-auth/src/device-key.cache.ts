import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { DeviceKeyVerification } from '@concierge/shared/util-contracts';
import type { ResolvedDeviceKeyOptions } from './auth-options';

/**
 * Answers of the device-key verifier, kept `cacheTtlMs` when valid (so a revoked key stops working within
 * that time) and `negativeCacheTtlMs` when not. Keyed by a SHA-256 of the key, so no key is held in
 * memory; concurrent look-ups of one key share a single verifier call; verifier failures are not cached.
 */
export class DeviceKeyCache {
  private readonly cache: LRUCache<string, DeviceKeyVerification, string>;

  constructor(private readonly options: ResolvedDeviceKeyOptions) {
    this.cache = new LRUCache<string, DeviceKeyVerification, string>({
      max: options.cacheSize,
      ttl: options.cacheTtlMs,
      fetchMethod: async (_hash, _stale, { options: entry, context: key }) => {
        const answer = await this.options.verifier(key);
        const valid = answer.valid === true && typeof answer.deviceId === 'string' && answer.deviceId.length > 0;
        entry.ttl = valid ? this.options.cacheTtlMs : this.options.negativeCacheTtlMs;
        return valid ? answer : { valid: false };
      },
    });
  }

  /** The verification of `key`, from the cache while fresh, else from the verifier. */
  async verify(key: string): Promise<DeviceKeyVerification> {
    const answer = await this.cache.fetch(hashOf(key), { context: key });
    return answer ?? { valid: false };
  }
}

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
