import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { DeviceKeyVerification } from '@concierge/shared/util-contracts';
import type { ResolvedDeviceKeyOptions } from './auth-options';
import { UnknownKeyGate } from './unknown-key.gate';

/**
 * Answers of the device-key verifier, kept `cacheTtlMs` when valid (so a revoked key stops working within
 * that time) and `negativeCacheTtlMs` when not. Keyed by a SHA-256 of the key, so no key is held in
 * memory; concurrent look-ups of one key share a single verifier call; verifier failures are not cached.
 *
 * A key that verified valid within `knownKeyTtlMs` is *known* and is asked about straight away; any
 * other key is asked about only through the `UnknownKeyGate` (per-client failed-attempt budget, its own
 * bulkhead and breaker), and the verifier is told which kind of check it makes so it can isolate them.
 */
export class DeviceKeyCache {
  private readonly answers: LRUCache<string, DeviceKeyVerification, { key: string; client: string }>;
  private readonly known: LRUCache<string, true>;
  private readonly gate: UnknownKeyGate;

  constructor(private readonly options: ResolvedDeviceKeyOptions) {
    this.known = new LRUCache({ max: options.cacheSize, ttl: options.knownKeyTtlMs });
    this.gate = new UnknownKeyGate({
      attempts: {
        burst: options.failedAttemptsBurst,
        perMinute: options.failedAttemptsPerMinute,
        maxClients: options.cacheSize,
      },
      concurrency: options.unknownKeyConcurrency,
      queue: options.unknownKeyQueue,
      breakerFailures: 5,
      breakerHalfOpenAfterMs: 5_000,
    });
    this.answers = new LRUCache<string, DeviceKeyVerification, { key: string; client: string }>({
      max: options.cacheSize,
      ttl: options.cacheTtlMs,
      fetchMethod: async (hash, _stale, { options: entry, context: { key, client } }) => {
        const answer = this.known.has(hash)
          ? await this.options.verifier(key, { known: true })
          : await this.gate.check(client, () => this.options.verifier(key, { known: false }));
        const valid =
          answer.valid === true && typeof answer.deviceId === 'string' && answer.deviceId.length > 0;
        entry.ttl = valid ? this.options.cacheTtlMs : this.options.negativeCacheTtlMs;
        if (valid) this.known.set(hash, true);
        else this.known.delete(hash);
        return valid ? answer : { valid: false };
      },
    });
  }

  /**
   * The verification of `key`, from the cache while fresh, else from the verifier. `client` (e.g. the
   * caller's address) is charged for checks of unknown keys; throws `TooManyFailedAttemptsError` or
   * `UnknownKeyLaneBusyError` when such a check may not be made now.
   */
  async verify(key: string, client = ''): Promise<DeviceKeyVerification> {
    const answer = await this.answers.fetch(hashOf(key), { context: { key, client } });
    return answer ?? { valid: false };
  }
}

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
