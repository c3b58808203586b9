import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Principal } from './principal';

/**
 * Principals of tokens whose signature and claims were verified, so the hot path verifies a token once,
 * not on every request. Bounded (LRU), keyed by a SHA-256 of the token (no token is kept), and an entry
 * never outlives its token's `exp`: it is checked against the wall clock on every read. Concurrent
 * first requests with one token share a single verification.
 */
export class VerifiedTokenCache {
  private readonly cache: LRUCache<string, { principal: Principal; expiresAt: number }>;
  private readonly inFlight = new Map<string, Promise<Principal>>();

  constructor(max: number) {
    this.cache = new LRUCache({ max });
  }

  /** The cached principal of `token` while it is unexpired, else the result of `verify` (cached on success). */
  async getOrVerify(token: string, verify: () => Promise<Principal>): Promise<Principal> {
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = this.cache.get(key);
    if (hit) {
      if (hit.expiresAt > Date.now()) return hit.principal;
      this.cache.delete(key);
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const verification = verify().then((principal) => {
      this.remember(key, principal);
      return principal;
    });
    this.inFlight.set(key, verification);
    try {
      return await verification;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Number of cached tokens (for tests and metrics). */
  get size(): number {
    return this.cache.size;
  }

  private remember(key: string, principal: Principal): void {
    const exp = principal.claims['exp'];
    if (typeof exp !== 'number') return;
    const expiresAt = exp * 1000;
    const ttl = Math.floor(expiresAt - Date.now());
    if (ttl > 0) this.cache.set(key, { principal, expiresAt }, { ttl });
  }
}
