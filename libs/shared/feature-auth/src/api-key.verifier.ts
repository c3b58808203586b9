import { Inject, Injectable } from '@nestjs/common';
import type { ApiKeyVerification, ResolvedAuthOptions } from './auth-options';
import { RESOLVED_AUTH_OPTIONS } from './auth.module-definition';
import { KeyVerificationCache } from './key-verification.cache';
import { apiKeyPrincipal, type Principal } from './principal';

/**
 * Client API keys checked through the configured verifier, by the same `KeyVerificationCache` as device
 * keys: answers kept `cacheTtlMs` when valid (so a revoked key, or a change of the app's claims, takes
 * effect within that time) and `negativeCacheTtlMs` when not, keyed by a SHA-256 of the key; a key not
 * seen valid lately is checked only within the caller's failed-attempt budget and the unknown-key lane.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly cache?: KeyVerificationCache<ApiKeyVerification>;
  private readonly principals = new WeakMap<ApiKeyVerification, Principal>();

  constructor(@Inject(RESOLVED_AUTH_OPTIONS) options: ResolvedAuthOptions) {
    const apiKeys = options.apiKeys;
    if (!apiKeys) return;
    this.cache = new KeyVerificationCache<ApiKeyVerification>({
      ...apiKeys,
      verifier: (key) => apiKeys.verifier(key),
      proves: (answer) => typeof answer.clientId === 'string' && answer.clientId.length > 0,
      invalid: { valid: false },
    });
  }

  /** Whether API keys are accepted at all (the app configured a verifier). */
  get enabled(): boolean {
    return this.cache !== undefined;
  }

  /**
   * The client principal of `key`, or null when the key is not (or no longer) valid. `client` is charged
   * for checks of unknown keys; throws `TooManyFailedAttemptsError`, `UnknownKeyLaneBusyError`, or what
   * the verifier threw when it cannot tell now.
   */
  async principalOf(key: string, client = ''): Promise<Principal | null> {
    if (!this.cache) return null;
    const answer = await this.cache.verify(key, client);
    if (!answer.valid || !answer.clientId) return null;
    // The cache hands back the same answer while it is fresh: its principal (checked claims, scopes and
    // roles) is built once per answer, not on every request; a new answer gets a new one.
    let principal = this.principals.get(answer);
    if (!principal) this.principals.set(answer, (principal = apiKeyPrincipal(answer.clientId, answer)));
    return principal;
  }
}
