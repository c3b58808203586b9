import { randomBytes } from 'node:crypto';
import type { Principal } from './credential.store';

/** What a code stands for: who signed in, for which client and redirect, with which PKCE challenge. */
export interface AuthorizationGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  principal: Principal;
  sid: string;
  authTime: number;
  nonce?: string;
}

export type CodeRedemption =
  | { ok: true; grant: AuthorizationGrant; bindFamily: (familyId: string) => void }
  /** A code used a second time: the tokens issued for its first use must be revoked (RFC 6749 §4.1.2). */
  | { ok: false; replayedFamily?: string };

interface CodeRecord {
  grant: AuthorizationGrant;
  expiresAt: number;
  redeemed: boolean;
  familyId?: string;
}

/** Single-use authorization codes, short-lived (60 s by default), kept in process. */
export class AuthorizationCodeStore {
  private readonly codes = new Map<string, CodeRecord>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  issue(grant: AuthorizationGrant): string {
    this.sweep();
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, { grant, expiresAt: this.now() + this.ttlMs, redeemed: false });
    return code;
  }

  /** Redeems a code once; a second redemption reports the token family to revoke. */
  redeem(code: string): CodeRedemption {
    const record = this.codes.get(code);
    if (!record || record.expiresAt <= this.now()) return { ok: false };
    if (record.redeemed) return { ok: false, replayedFamily: record.familyId };
    record.redeemed = true;
    return { ok: true, grant: record.grant, bindFamily: (familyId) => (record.familyId = familyId) };
  }

  private sweep(): void {
    const now = this.now();
    for (const [code, record] of this.codes) if (record.expiresAt <= now) this.codes.delete(code);
  }
}
