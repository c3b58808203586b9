import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ResolvedAuthOptions } from './auth-options';
import { RESOLVED_AUTH_OPTIONS } from './auth.module-definition';
import { AuthMetrics } from './auth-metrics';
import { DeviceKeyCache } from './device-key.cache';
import { devicePrincipal, type Principal } from './principal';
import { RateLimitedLog } from './rate-limited-log';
import { TooManyFailedAttemptsError, UnknownKeyLaneBusyError } from './unknown-key.gate';

/**
 * Device keys (`Authorization: ApiKey <key>` or `X-Device-Key: <key>`), checked through the configured
 * verifier with a short-lived cache; checks of unknown keys are limited per client and isolated from the
 * checks of known ones. Yields `{ kind: 'device', deviceId, scopes }`.
 */
@Injectable()
export class DeviceKeys {
  private readonly logger = new Logger('Authenticator');
  private readonly logs = new RateLimitedLog(10_000);
  private readonly metrics = new AuthMetrics();
  private readonly cache?: DeviceKeyCache;

  constructor(@Inject(RESOLVED_AUTH_OPTIONS) options: ResolvedAuthOptions) {
    this.cache = options.deviceKeys ? new DeviceKeyCache(options.deviceKeys) : undefined;
  }

  /** Whether device keys are accepted at all (the app configured a verifier). */
  get enabled(): boolean {
    return this.cache !== undefined;
  }

  /**
   * The device principal of `key`, or null when the key is not (or no longer) valid. `client` is charged
   * for checks of unknown keys; throws `TooManyFailedAttemptsError`, `UnknownKeyLaneBusyError`, or what
   * the verifier threw when it cannot tell now.
   */
  async principalOf(key: string, client: string): Promise<Principal | null> {
    if (!this.cache) return null;
    let answer;
    try {
      answer = await this.cache.verify(key, client);
    } catch (err) {
      this.count(err);
      throw err;
    }
    this.metrics.deviceKeyCheck(answer.valid && answer.deviceId ? 'valid' : 'invalid');
    if (!answer.valid || !answer.deviceId) return null;
    return devicePrincipal(answer.deviceId, answer.scopes, answer.keyId);
  }

  private count(err: unknown): void {
    if (err instanceof TooManyFailedAttemptsError) {
      this.metrics.deviceKeyCheck('limited');
      this.logs.emit('device-key-limited', (n) =>
        this.logger.warn(
          `device-key checks refused: a client used up its failed attempts${n > 0 ? ` (${n} more like it not logged)` : ''}`,
        ),
      );
    } else if (err instanceof UnknownKeyLaneBusyError) {
      this.metrics.deviceKeyCheck('busy');
    } else {
      this.metrics.deviceKeyCheck('unavailable');
    }
  }
}
