import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { ApiKeyVerification, ResolvedAuthOptions } from './auth-options';
import { RESOLVED_AUTH_OPTIONS } from './auth.module-definition';
import { apiKeyPrincipal, type Principal } from './principal';

const INVALID: ApiKeyVerification = { valid: false };

/**
 * Client API keys checked through the configured verifier. Answers are kept `cacheTtlMs` when valid (so a
 * revoked key, or a change of the app's claims, takes effect within that time) and `negativeCacheTtlMs`
 * when not; keyed by a SHA-256 of the key, so no key is held in memory; concurrent look-ups of one key
 * share one verifier call; verifier failures are not cached (they surface as "cannot tell now").
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly cache?: LRUCache<string, ApiKeyVerification, string>;

  constructor(@Inject(RESOLVED_AUTH_OPTIONS) options: ResolvedAuthOptions) {
    const apiKeys = options.apiKeys;
    if (!apiKeys) return;
    this.cache = new LRUCache<string, ApiKeyVerification, string>({
      max: apiKeys.cacheSize,
      ttl: apiKeys.cacheTtlMs,
      fetchMethod: async (_hash, _stale, { options: entry, context: key }) => {
        const answer = await apiKeys.verifier(key);
        const valid =
          answer.valid === true && typeof answer.clientId === 'string' && answer.clientId.length > 0;
        entry.ttl = valid ? apiKeys.cacheTtlMs : apiKeys.negativeCacheTtlMs;
        return valid ? answer : INVALID;
      },
    });
  }

  /** Whether API keys are accepted at all (the app configured a verifier). */
  get enabled(): boolean {
    return this.cache !== undefined;
  }

  /** The client principal of `key`, or null when the key is not (or no longer) valid. Throws when the verifier fails. */
  async principalOf(key: string): Promise<Principal | null> {
    if (!this.cache) return null;
    const answer =
      (await this.cache.fetch(createHash('sha256').update(key).digest('base64url'), { context: key })) ??
      INVALID;
    return answer.valid && answer.clientId ? apiKeyPrincipal(answer.clientId, answer) : null;
  }
}
