/** Who a stored session belongs to, so a back-channel logout can find it. */
export interface SessionIndex {
  sub: string;
  sid?: string;
}

/**
 * Where sessions live: sealed (encrypted) values under a storage key, with a time to live, findable by
 * the user's `sub` and the provider's `sid`; plus a short lock so one refresh runs per session.
 */
export interface SessionStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | undefined>;
  set(key: string, sealed: string, ttlMs: number, index: SessionIndex): Promise<void>;
  delete(key: string): Promise<void>;
  /** Pushes back the expiry of `key` (the idle timeout), without rewriting it. */
  touch(key: string, ttlMs: number): Promise<void>;
  /** Storage keys of the sessions of a provider session, or of every session of a user. */
  keysOf(match: { sid: string } | { sub: string }): Promise<string[]>;
  /** True when this caller now holds the lock of `key` for `ttlMs`. */
  tryLock(key: string, ttlMs: number): Promise<boolean>;
  unlock(key: string): Promise<void>;
  /** Whether the store can be used now (readiness). */
  isReady(): boolean | Promise<boolean>;
  close(): Promise<void>;
}
