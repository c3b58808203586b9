import type { DeviceKeyVerification, Scope } from '@concierge/shared/util-contracts';
import { randomBytes } from 'node:crypto';
import { matchesSha256, sha256 } from '../common/secret-hash';

interface KeyRecord {
  keyId: string;
  deviceId: string;
  secretHash: Buffer;
  createdAt: string;
}

/** `dk_<keyId>.<secret>`: the key id is public and indexes the record; only the secret's hash is stored. */
const KEY_FORMAT = /^dk_([A-Za-z0-9]{1,64})\.([A-Za-z0-9_-]{1,256})$/;

// Compared against when the key id is unknown, so a miss takes as long as a wrong secret.
const DECOY_HASH = sha256(randomBytes(32).toString('hex'));

/** Device API keys: issued once in plaintext, stored as SHA-256 hashes, verified in constant time. */
export class DeviceKeyStore {
  private readonly keys = new Map<string, KeyRecord>();

  constructor(private readonly scopes: readonly Scope[]) {}

  /** Registers a key with a known secret (the fixed demo keys). */
  add(deviceId: string, keyId: string, secret: string): void {
    this.keys.set(keyId, {
      keyId,
      deviceId,
      secretHash: sha256(secret),
      createdAt: new Date().toISOString(),
    });
  }

  /** A new key for the device; the plaintext exists only in this return value. */
  issue(deviceId: string): { keyId: string; key: string } {
    let keyId: string;
    do keyId = `k${randomBytes(8).toString('hex')}`;
    while (this.keys.has(keyId));
    const secret = randomBytes(24).toString('base64url');
    this.add(deviceId, keyId, secret);
    return { keyId, key: `dk_${keyId}.${secret}` };
  }

  verify(key: string): DeviceKeyVerification {
    const match = KEY_FORMAT.exec(key);
    if (!match) return { valid: false };
    const record = this.keys.get(match[1]);
    const ok = matchesSha256(match[2], record?.secretHash ?? DECOY_HASH);
    if (!ok || !record) return { valid: false };
    return { valid: true, deviceId: record.deviceId, keyId: record.keyId, scopes: [...this.scopes] };
  }

  /** False when the device has no such key (someone else's key id included). */
  revoke(deviceId: string, keyId: string): boolean {
    const record = this.keys.get(keyId);
    if (!record || record.deviceId !== deviceId) return false;
    return this.keys.delete(keyId);
  }
}
