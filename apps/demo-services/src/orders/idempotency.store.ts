/** What happened to a call made with an idempotency key. */
export type IdempotentOutcome<T> =
  { outcome: 'created'; value: T } | { outcome: 'replayed'; value: T } | { outcome: 'mismatch' };

interface Entry<T> {
  fingerprint: string;
  result: Promise<T>;
  expiresAt: number;
}

export interface IdempotencyStoreOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/**
 * Remembers the first result for each key. The entry is recorded before the work starts, so concurrent
 * calls with one key share one execution instead of racing; a failed execution is forgotten so the
 * client may retry. Bounded by age and by count (oldest first).
 */
export class IdempotencyStore<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly now: () => number;

  constructor(private readonly options: IdempotencyStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async run(key: string, fingerprint: string, execute: () => Promise<T> | T): Promise<IdempotentOutcome<T>> {
    const existing = this.lookup(key);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return { outcome: 'mismatch' };
      return { outcome: 'replayed', value: await existing.result };
    }
    const result = Promise.resolve().then(execute);
    this.entries.set(key, { fingerprint, result, expiresAt: this.now() + this.options.ttlMs });
    this.evict();
    try {
      return { outcome: 'created', value: await result };
    } catch (err) {
      if (this.entries.get(key)?.result === result) this.entries.delete(key);
      throw err;
    }
  }

  private lookup(key: string): Entry<T> | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Map iteration is insertion order, so the first entries are the oldest. */
  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && entry.expiresAt > now) break;
      this.entries.delete(key);
    }
  }
}
