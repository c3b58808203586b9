import {
  createLocalJWKSet,
  errors,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
  type KeyLike,
} from 'jose';
import {
  fetchKeySet,
  KeySourceUnavailableError,
  type FetchedKeySet,
  type KeySetLifetime,
} from './jwks-fetch';

/** How the issuer's key set is kept. */
export interface JwksKeySetOptions {
  /** Where the JWKS is (known up front, or found by discovery when first needed). */
  jwksUri: () => Promise<string>;
  timeoutMs: number;
  lifetime: KeySetLifetime;
  /** Least time between two fetches, however many unknown `kid`s arrive: they wait for the next one. */
  minRefetchIntervalMs: number;
  /** How long past its lifetime a key set is still used while the issuer cannot be reached. */
  maxStaleMs: number;
  /** Requests that may wait for a refetch at once; beyond that one is answered "cannot check now". */
  maxWaiting: number;
  /** Told of every fetch (its outcome) and of every key that left the set. */
  hooks?: KeySetHooks;
  /** Fetches a key set (tests replace the network). */
  fetch?: (uri: string, timeoutMs: number, lifetime: KeySetLifetime) => Promise<FetchedKeySet>;
}

export interface KeySetHooks {
  onFetch?(outcome: 'ok' | 'failed', detail: { uri?: string; error?: Error; keys?: number }): void;
  /** A token named a key the current set does not have (it now waits for the next fetch). */
  onUnknownKey?(kid: unknown): void;
  /** Keys (by `kid`; `undefined` for keys without one) that the fresh set no longer has. */
  onKeysRemoved?(kids: ReadonlyArray<string | undefined>): void;
}

/** No key of the issuer's current set fits the token (after a refetch): a verdict on the token. */
export class UnknownSigningKeyError extends Error {
  override name = 'UnknownSigningKeyError';
}

interface CurrentSet {
  select: ReturnType<typeof createLocalJWKSet>;
  kids: Set<string | undefined>;
  fetchedAt: number;
  maxAgeMs: number;
}

interface Fetch {
  startsAt: number;
  done: Promise<void>;
}

/**
 * The issuer's signing keys, kept fresh without letting anyone outside decide how often they are fetched.
 *
 * - The set is refreshed in the background before its lifetime (the JWKS `Cache-Control`, bounded) ends,
 *   and a refresh that fails keeps the old set for up to `maxStaleMs` while it retries.
 * - A token whose key is not in the set waits for the next fetch instead of failing: fetches are coalesced
 *   (every waiter shares one) and spaced by `minRefetchIntervalMs`, so a flood of random `kid`s costs the
 *   issuer at most one fetch per interval and delays a genuinely new key by at most that interval.
 * - A key missing from a fresh set stops verifying at once (and `onKeysRemoved` says which).
 */
export class JwksKeySet {
  private current?: CurrentSet;
  private pending?: Fetch;
  private lastFetchAt = Number.NEGATIVE_INFINITY;
  private failuresInARow = 0;
  private waiting = 0;
  private refreshTimer?: NodeJS.Timeout;
  private stopped = false;
  private uri?: string;
  private everLoaded = false;

  constructor(private readonly options: JwksKeySetOptions) {}

  /** Whether a key set has been fetched at least once (what readiness reports). */
  get loaded(): boolean {
    return this.everLoaded;
  }

  /** Fetches the set now (start-up); rejects with the reason when it cannot be had. */
  async load(): Promise<void> {
    await this.refetch(Date.now());
  }

  /** Stops background refreshes (shutdown). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.refreshTimer);
  }

  /**
   * The key to verify a token with, as jose's `jwtVerify` asks for it. Throws `UnknownSigningKeyError`
   * when no key fits even after a refetch that started after the request arrived, and
   * `KeySourceUnavailableError` when the keys cannot be had (or too many requests already wait).
   */
  async keyFor(header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<KeyLike | Uint8Array> {
    const arrivedAt = Date.now();
    const set = this.usableSet(arrivedAt);
    if (set) {
      const key = await tryKey(set, header, token);
      if (key) return key;
      this.options.hooks?.onUnknownKey?.(header.kid);
    }
    await this.waitForRefetch(arrivedAt);
    const fresh = this.usableSet(Date.now());
    if (!fresh) throw new KeySourceUnavailableError('no key set could be fetched');
    const key = await tryKey(fresh, header, token);
    if (!key)
      throw new UnknownSigningKeyError(
        `no key of the issuer's current set fits (kid ${JSON.stringify(header.kid ?? null)})`,
      );
    return key;
  }

  private usableSet(now: number): CurrentSet | undefined {
    const set = this.current;
    if (set && now - set.fetchedAt > set.maxAgeMs + this.options.maxStaleMs) this.current = undefined;
    return this.current;
  }

  private async waitForRefetch(arrivedAt: number): Promise<void> {
    if (this.waiting >= this.options.maxWaiting)
      throw new KeySourceUnavailableError('too many requests wait for the key set');
    this.waiting += 1;
    try {
      await this.refetch(arrivedAt);
    } finally {
      this.waiting -= 1;
    }
  }

  /** A fetch that starts no earlier than `notBefore`: the one already planned, or a new one, spaced. */
  private refetch(notBefore: number): Promise<void> {
    if (this.pending && this.pending.startsAt >= notBefore) return this.pending.done;
    // A fetch under way started before the request: the next one goes after it, spaced as usual.
    const after = this.pending?.done.catch(() => undefined) ?? Promise.resolve();
    const startsAt = Math.max(Date.now(), this.lastFetchAt + this.options.minRefetchIntervalMs);
    const fetch: Fetch = {
      startsAt,
      done: after
        .then(() => sleep(Math.max(0, this.lastFetchAt + this.options.minRefetchIntervalMs - Date.now())))
        .then(() => this.fetchNow()),
    };
    this.pending = fetch;
    const clear = () => {
      if (this.pending === fetch) this.pending = undefined;
    };
    fetch.done.then(clear, clear);
    return fetch.done;
  }

  private async fetchNow(): Promise<void> {
    this.lastFetchAt = Date.now();
    const hooks = this.options.hooks;
    let uri: string | undefined;
    let fetched: FetchedKeySet;
    let select: CurrentSet['select'];
    try {
      uri = this.uri ??= await this.options.jwksUri();
      fetched = await (this.options.fetch ?? fetchKeySet)(uri, this.options.timeoutMs, this.options.lifetime);
      select = createLocalJWKSet(fetched.jwks);
    } catch (err) {
      this.failuresInARow += 1;
      const error =
        err instanceof KeySourceUnavailableError
          ? err
          : new KeySourceUnavailableError(err instanceof Error ? err.message : String(err));
      hooks?.onFetch?.('failed', { uri, error });
      // Retry in the background while a set is still in use; faster than a refresh, backing off.
      if (this.current)
        this.scheduleRefresh(Math.min(30_000, this.options.minRefetchIntervalMs * 2 ** this.failuresInARow));
      throw error;
    }
    this.failuresInARow = 0;
    this.everLoaded = true;
    const kids = new Set(fetched.jwks.keys.map((k) => k.kid));
    const removed = this.current ? [...this.current.kids].filter((kid) => !kids.has(kid)) : [];
    this.current = { select, kids, fetchedAt: this.lastFetchAt, maxAgeMs: fetched.maxAgeMs };
    hooks?.onFetch?.('ok', { uri, keys: kids.size });
    if (removed.length > 0) hooks?.onKeysRemoved?.(removed);
    // Refresh before the set expires, so no request ever waits for a routine refresh.
    this.scheduleRefresh(Math.max(this.options.minRefetchIntervalMs, fetched.maxAgeMs * 0.8));
  }

  private scheduleRefresh(inMs: number): void {
    clearTimeout(this.refreshTimer);
    if (this.stopped) return;
    this.refreshTimer = setTimeout(() => {
      this.refetch(Date.now()).catch(() => undefined);
    }, inMs);
    this.refreshTimer.unref();
  }
}

/** The key of `set` that fits the token, or undefined when none does. */
async function tryKey(
  set: CurrentSet,
  header: JWSHeaderParameters,
  token: FlattenedJWSInput,
): Promise<KeyLike | Uint8Array | undefined> {
  try {
    return await set.select(header, token);
  } catch (err) {
    if (err instanceof errors.JWKSNoMatchingKey) return undefined;
    throw err;
  }
}

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms).unref());
}
