import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Principal } from './principal';

/** The `kid` of tokens signed with the HS256 secret: no key set change ever concerns them. */
export const HMAC = '\u0000hmac';

/** A verified principal and the key that signed its token (`HMAC` for the shared secret). */
export interface Verified {
  principal: Principal;
  kid: string | undefined;
}

/**
 * Principals of tokens whose signature and claims were verified, so the hot path verifies a token once,
 * not on every request. Bounded (LRU), keyed by a SHA-256 of the token (no token is kept), and an entry
 * never outlives its token's `exp`: it is checked against the wall clock on every read, nor the key that
 * signed it: `dropSignedBy` forgets every token of a key the issuer stopped publishing. Concurrent first
 * requests with one token share a single verification.
 */
export class VerifiedTokenCache {
  private readonly cache: LRUCache<string, { principal: Principal; expiresAt: number; kid?: string }>;
  private readonly inFlight = new Map<string, Promise<Verified>>();

  constructor(max: number) {
    this.cache = new LRUCache({ max });
  }

  /** The cached principal of `token` while it is unexpired, else the result of `verify` (cached on success). */
  async getOrVerify(token: string, verify: () => Promise<Verified>): Promise<Principal> {
    // One-shot: a third of the cost of a Hash object, on every authenticated request.
    const key = hash('sha256', token, 'base64url');
    const hit = this.cache.get(key);
    if (hit) {
      if (hit.expiresAt > Date.now()) return hit.principal;
      this.cache.delete(key);
    }
    const pending = this.inFlight.get(key);
    if (pending) return (await pending).principal;
    const verification = verify().then((verified) => {
      this.remember(key, verified);
      return verified;
    });
    this.inFlight.set(key, verification);
    try {
      return (await verification).principal;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Forgets every token signed by one of these keys (`undefined`: keys without a `kid`). */
  dropSignedBy(kids: ReadonlyArray<string | undefined>): void {
    const gone = new Set(kids);
    for (const [key, entry] of this.cache.entries())
      if (entry.kid !== HMAC && gone.has(entry.kid)) this.cache.delete(key);
  }

  /** Number of cached tokens (for tests and metrics). */
  get size(): number {
    return this.cache.size;
  }

  private remember(key: string, { principal, kid }: Verified): void {
    const exp = principal.claims['exp'];
    if (typeof exp !== 'number') return;
    const expiresAt = exp * 1000;
    const ttl = Math.floor(expiresAt - Date.now());
    if (ttl > 0) this.cache.set(key, { principal, expiresAt, kid }, { ttl });
  }
}
