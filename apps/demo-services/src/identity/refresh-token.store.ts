import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from './credential.store';

/** What a refresh token lets its client obtain again: the same user, scopes and IdP session. */
export interface RefreshGrant {
  clientId: string;
  principal: Principal;
  scopes: string[];
  sid: string;
  authTime: number;
}

export interface IssuedRefreshToken {
  token: string;
  familyId: string;
  /** Seconds until the family's absolute lifetime ends; rotation never extends it. */
  expiresIn: number;
}

export type RefreshOutcome =
  | { ok: true; grant: RefreshGrant; next: IssuedRefreshToken }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'wrong-client' | 'reused' };

interface Family {
  grant: RefreshGrant;
  expiresAt: number;
  revoked: boolean;
  current: string;
  hashes: Set<string>;
}

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Refresh tokens that rotate on every use. Each sign-in starts a family; a refresh retires the presented
 * token and hands out the family's next one. Presenting a retired token means it was copied: the whole
 * family is revoked, so neither the thief nor the victim can go on using it. Only hashes are kept.
 */
export class RefreshTokenStore {
  private readonly families = new Map<string, Family>();
  private readonly familyOf = new Map<string, string>();

  constructor(
    private readonly ttlSec: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a family for a fresh sign-in. */
  start(grant: RefreshGrant): IssuedRefreshToken {
    this.sweep();
    const familyId = randomUUID();
    const family: Family = {
      grant,
      expiresAt: this.now() + this.ttlSec * 1000,
      revoked: false,
      current: '',
      hashes: new Set(),
    };
    this.families.set(familyId, family);
    return this.next(familyId, family);
  }

  /** Exchanges `token` for the family's next one, or says why not (revoking the family on reuse). */
  rotate(token: string, clientId: string): RefreshOutcome {
    const presented = hash(token);
    const familyId = this.familyOf.get(presented);
    const family = familyId ? this.families.get(familyId) : undefined;
    if (!familyId || !family) return { ok: false, reason: 'unknown' };
    if (family.grant.clientId !== clientId) return { ok: false, reason: 'wrong-client' };
    if (family.revoked) return { ok: false, reason: 'revoked' };
    if (family.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    if (family.current !== presented) {
      family.revoked = true;
      return { ok: false, reason: 'reused' };
    }
    return { ok: true, grant: family.grant, next: this.next(familyId, family) };
  }

  /** RFC 7009: revokes the family of `token` if it belongs to `clientId`; unknown tokens are ignored. */
  revoke(token: string, clientId: string): void {
    const familyId = this.familyOf.get(hash(token));
    const family = familyId ? this.families.get(familyId) : undefined;
    if (family && family.grant.clientId === clientId) family.revoked = true;
  }

  revokeFamily(familyId: string): void {
    const family = this.families.get(familyId);
    if (family) family.revoked = true;
  }

  /** Ends every family of an IdP session (sign-out). */
  revokeSession(sid: string): void {
    for (const family of this.families.values()) if (family.grant.sid === sid) family.revoked = true;
  }

  private next(familyId: string, family: Family): IssuedRefreshToken {
    const token = randomBytes(32).toString('base64url');
    const hashed = hash(token);
    family.current = hashed;
    family.hashes.add(hashed);
    this.familyOf.set(hashed, familyId);
    return { token, familyId, expiresIn: Math.max(0, Math.floor((family.expiresAt - this.now()) / 1000)) };
  }

  // Retired tokens are kept until their family expires: that is how a reuse is recognised.
  private sweep(): void {
    const now = this.now();
    for (const [familyId, family] of this.families) {
      if (family.expiresAt > now) continue;
      for (const h of family.hashes) this.familyOf.delete(h);
      this.families.delete(familyId);
    }
  }
}
