import type { ConsumerKeyInfo, IssuedConsumerKey } from '@concierge/shared/util-contracts';
import { randomBytes } from 'node:crypto';
import { matchesSha256, sha256 } from '../common/secret-hash';

interface KeyRecord {
  keyId: string;
  appId: string;
  secretHash: Buffer;
  createdAt: string;
  revokedAt: string | null;
}

/** `ck_<keyId>.<secret>`: the key id is public and indexes the record; only the secret's hash is stored. */
const KEY_FORMAT = /^ck_([A-Za-z0-9]{1,64})\.([A-Za-z0-9_-]{1,256})$/;

// Compared against when the key id is unknown, so a miss takes as long as a wrong secret.
const DECOY_HASH = sha256(randomBytes(32).toString('hex'));

/**
 * Partner API keys: several live keys per app (so a partner can rotate without downtime), issued once in
 * plaintext, stored as SHA-256 hashes, verified in constant time, revoked for good.
 */
export class ConsumerKeyStore {
  private readonly keys = new Map<string, KeyRecord>();

  /** Registers a key with a known secret (the fixed demo keys). */
  add(appId: string, keyId: string, secret: string): void {
    this.keys.set(keyId, {
      keyId,
      appId,
      secretHash: sha256(secret),
      createdAt: new Date().toISOString(),
      revokedAt: null,
    });
  }

  /** A new key for the app; the plaintext exists only in this return value. */
  issue(appId: string): IssuedConsumerKey {
    let keyId: string;
    do keyId = `k${randomBytes(8).toString('hex')}`;
    while (this.keys.has(keyId));
    const secret = randomBytes(24).toString('base64url');
    this.add(appId, keyId, secret);
    return { ...infoOf(this.keys.get(keyId) as KeyRecord), key: `ck_${keyId}.${secret}` };
  }

  /** The app's keys, live and revoked, without secrets. */
  list(appId: string): ConsumerKeyInfo[] {
    return [...this.keys.values()].filter((k) => k.appId === appId).map(infoOf);
  }

  /** The app id and key id of a live key, or undefined (malformed, unknown, wrong secret, revoked). */
  verify(key: string): { appId: string; keyId: string } | undefined {
    const match = KEY_FORMAT.exec(key);
    if (!match) return undefined;
    const record = this.keys.get(match[1]);
    const ok = matchesSha256(match[2], record?.secretHash ?? DECOY_HASH);
    if (!ok || !record || record.revokedAt !== null) return undefined;
    return { appId: record.appId, keyId: record.keyId };
  }

  /** Revokes a live key of the app; false when the app has no such live key (another app's included). */
  revoke(appId: string, keyId: string): boolean {
    const record = this.keys.get(keyId);
    if (!record || record.appId !== appId || record.revokedAt !== null) return false;
    record.revokedAt = new Date().toISOString();
    return true;
  }

  /** Whether the app has this key (live or revoked). */
  has(appId: string, keyId: string): boolean {
    return this.keys.get(keyId)?.appId === appId;
  }
}

function infoOf(record: KeyRecord): ConsumerKeyInfo {
  return {
    keyId: record.keyId,
    appId: record.appId,
    createdAt: record.createdAt,
    revokedAt: record.revokedAt,
  };
}
