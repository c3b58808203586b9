import { LRUCache } from 'lru-cache';
import { gcra, type RateLimitDecision, type RateLimitPolicy } from './gcra';
import type { RateLimitStore } from './rate-limit.store';

export interface MemoryStoreOptions {
  /** The most keys (callers × buckets) kept; the least recently used go first. Default 100 000. */
  maxKeys?: number;
  /** Milliseconds on a monotonic clock; tests inject their own. */
  clock?: () => number;
  /** How often keys whose buckets are full again are swept out, in ms (0: only when touched or evicted). */
  purgeIntervalMs?: number;
}

/** A key's theoretical arrival times, in the order of the policies they were computed for. */
interface Tats {
  readonly policies: readonly RateLimitPolicy[];
  readonly tats: readonly number[];
}

const NONE: readonly undefined[] = [];
const defaultClock = () => performance.now();

function tatsFor(
  stored: Tats | undefined,
  policies: readonly RateLimitPolicy[],
): readonly (number | undefined)[] {
  if (!stored) return NONE;
  if (stored.policies === policies) return stored.tats;
  // The same key under another list of policies (a direct caller of the store): match them by name.
  return policies.map((p) => {
    const i = stored.policies.findIndex((q) => q.name === p.name);
    return i < 0 ? undefined : stored.tats[i];
  });
}

/**
 * Buckets in this process (the default store): right for one replica, or when each replica may allow
 * its own share. Memory is bounded by entry count; each entry lives only until its bucket would be full
 * again (after that it holds nothing a fresh bucket would not), so a flood of distinct keys cannot grow it.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly kind = 'memory';
  private readonly cache: LRUCache<string, Tats>;
  private readonly clock: () => number;
  private readonly purgeTimer?: NodeJS.Timeout;

  constructor({
    maxKeys = 100_000,
    clock = defaultClock,
    purgeIntervalMs = 60_000,
  }: MemoryStoreOptions = {}) {
    this.clock = clock;
    if (purgeIntervalMs > 0) this.purgeTimer = setInterval(() => this.purgeStale(), purgeIntervalMs).unref();
    // TTLs run on the same clock as the buckets, so an entry goes exactly when its bucket is full again.
    this.cache = new LRUCache<string, Tats>({
      max: maxKeys,
      ttlAutopurge: false,
      // lru-cache may cache "now" for 1 ms; an injected clock (tests) must be read every time.
      ttlResolution: clock === defaultClock ? 1 : 0,
      perf: { now: clock },
    });
  }

  /** How many keys are held now (expired ones may linger until touched or pushed out; never above the bound). */
  get size(): number {
    return this.cache.size;
  }

  async consume(key: string, policies: readonly RateLimitPolicy[], cost = 1): Promise<RateLimitDecision> {
    return this.consumeSync(key, policies, cost);
  }

  /** The same decision, without a promise (in-process callers on a hot path). */
  consumeSync(key: string, policies: readonly RateLimitPolicy[], cost = 1): RateLimitDecision {
    const now = this.clock();
    // A stale entry is simply a bucket that has refilled: GCRA reads its old TATs as "full", and `set`
    // overwrites it. Never let `get` delete it: lru-cache clears the whole cache when its last entry goes,
    // and clearing is O(maxKeys) — per request for a lone caller.
    const stored = this.cache.get(key, { allowStale: true, noDeleteOnStaleGet: true });
    const { decision, newTats } = gcra(policies, tatsFor(stored, policies), now, cost);
    if (newTats) {
      let ttl = 1;
      for (const tat of newTats) ttl = Math.max(ttl, Math.ceil(tat - now));
      this.cache.set(key, { policies, tats: newTats }, { ttl });
    }
    return decision;
  }

  async isReady(): Promise<boolean> {
    return true;
  }

  /** Drops entries whose buckets are full again; run now and then so idle keys free their memory. */
  purgeStale(): void {
    this.cache.purgeStale();
  }

  async close(): Promise<void> {
    clearInterval(this.purgeTimer);
    this.cache.clear();
  }
}
