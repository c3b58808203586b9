import { LRUCache } from 'lru-cache';
import type { CacheRecord, CacheStore } from './cache-store';

/** Options of the in-process store. */
export interface MemoryStoreOptions {
  /** The bound on the bytes held (bodies plus an estimate of headers and bookkeeping); default 64 MiB. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const OVERHEAD_BYTES = 512;

function sizeOf(record: CacheRecord): number {
  if (record.kind === 'vary') return OVERHEAD_BYTES;
  let headerBytes = 0;
  for (const [name, value] of Object.entries(record.headers)) headerBytes += name.length + String(value).length;
  // Headers are held twice: as served and inside the policy.
  return record.body.length + 2 * headerBytes + OVERHEAD_BYTES;
}

/** The default store: an in-process LRU bounded in bytes; each replica has its own. */
export class MemoryStore implements CacheStore {
  private readonly lru: LRUCache<string, CacheRecord>;

  constructor({ maxBytes = DEFAULT_MAX_BYTES }: MemoryStoreOptions = {}) {
    this.lru = new LRUCache<string, CacheRecord>({ maxSize: maxBytes, sizeCalculation: sizeOf });
  }

  async get(key: string): Promise<CacheRecord | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, record: CacheRecord, ttlMs: number): Promise<void> {
    this.lru.set(key, record, { ttl: Math.max(1, Math.ceil(ttlMs)) });
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.lru.delete(key);
  }

  /** Bytes currently held, as counted against `maxBytes`. */
  get size(): number {
    return this.lru.calculatedSize;
  }

  async close(): Promise<void> {
    this.lru.clear();
  }
}
