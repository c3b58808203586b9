import { hash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { UnknownKeyGate } from './unknown-key.gate';

/** How a kind of key (device keys, partners' API keys) is checked and how long answers are trusted. */
export interface KeyVerificationCacheOptions<T extends { valid: boolean }> {
  /** Asks the source of truth; `check.known` says whether the key verified valid lately. Throwing means "cannot tell now". */
  verifier: (key: string, check: { known: boolean }) => Promise<T>;
  /** Whether an answer proves the key (e.g. valid and naming its owner). */
  proves: (answer: T) => boolean;
  /** What an answer that does not prove the key becomes. */
  invalid: T;
  cacheTtlMs: number;
  negativeCacheTtlMs: number;
  cacheSize: number;
  knownKeyTtlMs: number;
  failedAttemptsBurst: number;
  failedAttemptsPerMinute: number;
  unknownKeyConcurrency: number;
  unknownKeyQueue: number;
}

/**
 * Answers of a key verifier, kept `cacheTtlMs` when valid (so a revoked key stops working within that time)
 * and `negativeCacheTtlMs` when not. Keyed by a SHA-256 of the key, so no key is held in memory; concurrent
 * look-ups of one key share a single verifier call; verifier failures are not cached.
 *
 * A key that verified valid within `knownKeyTtlMs` is *known* and is asked about straight away; any other
 * key is asked about only through the `UnknownKeyGate` (per-client failed-attempt budget, its own bulkhead
 * and breaker). The one path for every kind of key, so guessing is bounded the same way for all of them.
 */
export class KeyVerificationCache<T extends { valid: boolean }> {
  private readonly answers: LRUCache<string, T, { key: string; client: string }>;
  private readonly known: LRUCache<string, true>;
  private readonly gate: UnknownKeyGate;

  constructor(private readonly options: KeyVerificationCacheOptions<T>) {
    this.known = new LRUCache({ max: options.cacheSize, ttl: options.knownKeyTtlMs });
    this.gate = new UnknownKeyGate({
      attempts: {
        burst: options.failedAttemptsBurst,
        perMinute: options.failedAttemptsPerMinute,
        maxClients: options.cacheSize,
      },
      concurrency: options.unknownKeyConcurrency,
      queue: options.unknownKeyQueue,
      breakerFailures: 5,
      breakerHalfOpenAfterMs: 5_000,
    });
    this.answers = new LRUCache<string, T, { key: string; client: string }>({
      max: options.cacheSize,
      ttl: options.cacheTtlMs,
      fetchMethod: async (hash, _stale, { options: entry, context: { key, client } }) => {
        const answer = this.known.has(hash)
          ? await this.options.verifier(key, { known: true })
          : await this.gate.check(client, () => this.options.verifier(key, { known: false }));
        const valid = answer.valid === true && this.options.proves(answer);
        entry.ttl = valid ? this.options.cacheTtlMs : this.options.negativeCacheTtlMs;
        if (valid) this.known.set(hash, true);
        else this.known.delete(hash);
        return valid ? answer : this.options.invalid;
      },
    });
  }

  /**
   * The verification of `key`, from the cache while fresh, else from the verifier. `client` (e.g. the
   * caller's address) is charged for checks of unknown keys; throws `TooManyFailedAttemptsError` or
   * `UnknownKeyLaneBusyError` when such a check may not be made now.
   */
  async verify(key: string, client = ''): Promise<T> {
    const answer = await this.answers.fetch(hashOf(key), { context: { key, client } });
    return answer ?? this.options.invalid;
  }
}

function hashOf(key: string): string {
  return hash('sha256', key, 'base64url');
}
