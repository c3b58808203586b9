import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import type { ResolvedAuthOptions } from './auth-options';
import { RESOLVED_AUTH_OPTIONS } from './auth.module-definition';
import { credentialFrom, type RequestHeaders } from './credentials';
import { DeviceKeyCache } from './device-key.cache';
import { devicePrincipal, type Principal } from './principal';

/** Passport name of the device-key strategy. */
export const DEVICE_KEY_STRATEGY = 'concierge-device-key';

type VerifyDone = (err: unknown, principal?: Principal | null | false) => void;

/** A minimal passport strategy: reads a device key from the headers and hands it to `verify`. */
class DeviceKeyPassportStrategy extends passport.Strategy {
  constructor(private readonly verifyKey: (key: string, done: VerifyDone) => void) {
    super();
  }

  override authenticate(request: { headers?: RequestHeaders }): void {
    const credential = credentialFrom(request.headers ?? {}, 0);
    if (credential.kind !== 'device-key') return this.fail('no device key', 401);
    this.verifyKey(credential.key, (err, principal) => {
      if (err) return this.error(err as Error);
      if (!principal) return this.fail('invalid device key', 401);
      this.success(principal);
    });
  }
}

/**
 * Device keys (`Authorization: ApiKey <key>` or `X-Device-Key: <key>`), checked through the configured
 * verifier with a short-lived cache. Yields `{ kind: 'device', deviceId, scopes }`.
 */
@Injectable()
export class DeviceKeyStrategy extends PassportStrategy(DeviceKeyPassportStrategy, DEVICE_KEY_STRATEGY) {
  private readonly cache?: DeviceKeyCache;

  constructor(@Inject(RESOLVED_AUTH_OPTIONS) options: ResolvedAuthOptions) {
    super();
    this.cache = options.deviceKeys ? new DeviceKeyCache(options.deviceKeys) : undefined;
  }

  /** Whether device keys are accepted at all (the app configured a verifier). */
  get enabled(): boolean {
    return this.cache !== undefined;
  }

  /** The device principal of `key`, or null when the key is not (or no longer) valid. */
  async validate(key: string): Promise<Principal | null> {
    if (!this.cache) return null;
    const answer = await this.cache.verify(key);
    if (!answer.valid || !answer.deviceId) return null;
    return devicePrincipal(answer.deviceId, answer.scopes, answer.keyId);
  }
}
