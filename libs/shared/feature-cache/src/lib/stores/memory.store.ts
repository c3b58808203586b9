import { LRUCache } from 'lru-cache';
import type { CacheRecord, CacheStore, StoredResponse } from './cache-store';

/** Options of the in-process store. */
export interface MemoryStoreOptions {
  /** The bound on the bytes held: keys, bodies, headers, policies and per-entry bookkeeping; default 64 MiB. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
// What V8 and the LRU spend on one entry beyond its strings and body: the record, policy and header
// objects, the Buffer, the LRU's slots. Measured at ~1 KB per entry (heap after a full GC, 20k entries).
const ENTRY_OVERHEAD_BYTES = 1024;

function headerBytes(headers: Record<string, string | string[]>): number {
  let bytes = 0;
  for (const name in headers) {
    const value = headers[name];
    bytes +=
      name.length +
      (Array.isArray(value) ? value.reduce((sum, part) => sum + part.length + 8, 0) : value.length);
  }
  return bytes;
}

/**
 * Everything an entry holds: its key, the body, the headers as served, and the policy (which keeps the
 * URL and the response headers once more). Strings count a byte per character: what V8 spends on the
 * Latin-1 text of URLs and headers.
 */
function sizeOf(record: CacheRecord, key: string): number {
  if (record.kind === 'vary') return key.length + record.fields.join().length + ENTRY_OVERHEAD_BYTES;
  const { policy } = record;
  return (
    key.length +
    record.body.byteLength +
    headerBytes(record.headers) +
    JSON.stringify(policy).length +
    ENTRY_OVERHEAD_BYTES
  );
}

/**
 * A body that is a view onto a larger allocation (Node's 8 KB pool, a socket read) would pin all of it:
 * keep an exact copy instead, so the bytes counted are the bytes held.
 */
function ownBody(record: StoredResponse): StoredResponse {
  const { body } = record;
  if (body.byteOffset === 0 && body.byteLength === body.buffer.byteLength) return record;
  const copy = Buffer.allocUnsafeSlow(body.byteLength);
  body.copy(copy);
  return { ...record, body: copy };
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
    this.lru.set(key, record.kind === 'response' ? ownBody(record) : record, {
      ttl: Math.max(1, Math.ceil(ttlMs)),
    });
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
