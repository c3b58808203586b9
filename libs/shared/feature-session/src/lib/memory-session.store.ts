import { LRUCache } from 'lru-cache';
import type { SessionIndex, SessionStore } from './session.store';

/** Sessions in this process (one replica, or tests): bounded, each entry expiring on its own TTL. */
export class MemorySessionStore implements SessionStore {
  readonly kind = 'memory';
  private readonly values: LRUCache<string, { sealed: string; index: SessionIndex }>;
  private readonly byIndex = new Map<string, Set<string>>();
  private readonly locks = new Map<string, number>();

  constructor(maxSessions = 100_000) {
    this.values = new LRUCache({
      max: maxSessions,
      ttlAutopurge: false,
      dispose: (value, key) => {
        for (const name of indexNames(value.index)) {
          const keys = this.byIndex.get(name);
          keys?.delete(key);
          if (keys?.size === 0) this.byIndex.delete(name);
        }
      },
    });
  }

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key)?.sealed;
  }

  async set(key: string, sealed: string, ttlMs: number, index: SessionIndex): Promise<void> {
    this.values.set(key, { sealed, index }, { ttl: Math.max(1, ttlMs) });
    for (const name of indexNames(index)) {
      const keys = this.byIndex.get(name) ?? new Set<string>();
      keys.add(key);
      this.byIndex.set(name, keys);
    }
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  async touch(key: string, ttlMs: number): Promise<void> {
    const value = this.values.get(key);
    if (value) this.values.set(key, value, { ttl: Math.max(1, ttlMs) });
  }

  async keysOf(match: { sid: string } | { sub: string }): Promise<string[]> {
    const name = 'sid' in match ? `sid:${match.sid}` : `sub:${match.sub}`;
    return [...(this.byIndex.get(name) ?? [])].filter((key) => this.values.has(key));
  }

  async tryLock(key: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    if ((this.locks.get(key) ?? 0) > now) return false;
    this.locks.set(key, now + ttlMs);
    return true;
  }

  async unlock(key: string): Promise<void> {
    this.locks.delete(key);
  }

  isReady(): boolean {
    return true;
  }

  async close(): Promise<void> {
    this.values.clear();
  }
}

function indexNames(index: SessionIndex): string[] {
  return index.sid ? [`sub:${index.sub}`, `sid:${index.sid}`] : [`sub:${index.sub}`];
}
