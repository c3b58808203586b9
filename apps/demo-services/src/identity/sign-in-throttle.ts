import { LRUCache } from 'lru-cache';
import type { CredentialStore, Principal } from './credential.store';

/** How many failed sign-ins a client IP, and a username, may have in one window. */
export interface SignInLimits {
  perIp: number;
  perUsername: number;
  windowSec: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perIp: 20, perUsername: 5, windowSec: 900 };

/** A sign-in's outcome: the principal, or a refusal (with `retryAfterSec` when it was not even tried). */
export type SignInOutcome = { principal: Principal } | { principal: null; retryAfterSec?: number };

interface Window {
  failures: number;
  endsAt: number;
}

/**
 * Password sign-ins (the form and the password grant) with brute-force limits: failures are counted per
 * client IP and per username in fixed windows, and past either limit every attempt is refused without
 * checking the password until that window ends. An attempt counts as a failure before its (slow, scrypt)
 * check and is taken back if it succeeds, so a burst of parallel guesses cannot all slip under the limit.
 * Per username stops a distributed guess at one account; per IP, one client trying many accounts.
 */
export class SignInThrottle {
  private readonly windows = new LRUCache<string, Window>({ max: 100_000 });

  constructor(
    private readonly credentials: CredentialStore,
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async signIn(ip: string, username: string, password: string): Promise<SignInOutcome> {
    const keys: [string, number][] = [
      [`ip:${ip}`, this.limits.perIp],
      [`user:${username}`, this.limits.perUsername],
    ];
    const waitSec = Math.max(...keys.map(([key, limit]) => this.blockedForSec(key, limit)));
    if (waitSec > 0) return { principal: null, retryAfterSec: waitSec };
    const counted = keys.map(([key]) => this.countFailure(key));
    const principal = await this.credentials.authenticateUser(username, password);
    if (principal) for (const window of counted) window.failures--;
    return { principal };
  }

  private blockedForSec(key: string, limit: number): number {
    const window = this.windows.get(key);
    const now = this.now();
    if (!window || window.endsAt <= now || window.failures < limit) return 0;
    return Math.ceil((window.endsAt - now) / 1000);
  }

  private countFailure(key: string): Window {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { failures: 0, endsAt: now + this.limits.windowSec * 1000 };
      this.windows.set(key, window);
    }
    window.failures++;
    return window;
  }
}
