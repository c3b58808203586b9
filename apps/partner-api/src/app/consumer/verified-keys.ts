import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { RequestHeaders } from '@concierge/shared/feature-auth';

/** As long as the auth library trusts a key's verification; past it, a key counts as unverified again. */
const REMEMBER_MS = 15_000;

/** A key being tried is counted once in this time, however many requests carry it meanwhile. */
const ATTEMPT_MS = 10_000;

/**
 * The API keys that recently proved valid here, and those recently tried (by SHA-256, never the key
 * itself), so the bound on unverified keys per client IP counts distinct keys: a genuine partner's new
 * key costs one attempt however many requests it sends at once, and nothing once it is known.
 */
@Injectable()
export class VerifiedKeys {
  private readonly hashes = new LRUCache<string, true>({ max: 10_000, ttl: REMEMBER_MS });
  private readonly attempts = new LRUCache<string, true>({ max: 10_000, ttl: ATTEMPT_MS });

  /** Remembers the key the request presented, if any. */
  remember(headers: RequestHeaders): void {
    const key = apiKeyOf(headers);
    if (key) this.hashes.set(hashOf(key), true);
  }

  /**
   * True when the request presents an API key that has neither been seen valid nor been tried lately;
   * the key then counts as tried.
   */
  isNewAttempt(headers: RequestHeaders): boolean {
    const key = apiKeyOf(headers);
    if (key === undefined) return false;
    const hash = hashOf(key);
    if (this.hashes.has(hash) || this.attempts.has(hash)) return false;
    this.attempts.set(hash, true);
    return true;
  }
}

/** The API key a request presents (`X-Api-Key` or `Authorization: ApiKey`), as the auth library reads it. */
function apiKeyOf(headers: RequestHeaders): string | undefined {
  const authorization = headers['authorization'];
  if (typeof authorization === 'string' && /^apikey\s/i.test(authorization))
    return authorization.slice(7).trim();
  const header = headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
