import type Redis from 'ioredis';
import type { CacheRecord, CacheStore } from './cache-store';
import { decodeRecord, encodeRecord } from './record-codec';

/** Options of the Redis store. */
export interface RedisStoreOptions {
  /** A connected (or connecting) client; the store owns it and quits it on `close`. */
  client: Redis;
  /** Prepended to every key, so several caches (or test runs) share one Redis without meeting. */
  keyPrefix: string;
}

/**
 * Entries in Redis, shared by every replica pointing at it. Errors propagate; the cache turns them into
 * misses. Keys expire with the entry's freshness lifetime plus the revalidation grace.
 */
export class RedisStore implements CacheStore {
  private readonly client: Redis;
  private readonly prefix: string;

  constructor({ client, keyPrefix }: RedisStoreOptions) {
    this.client = client;
    this.prefix = keyPrefix;
  }

  async get(key: string): Promise<CacheRecord | undefined> {
    const value = await this.client.getBuffer(this.prefix + key);
    return value ? decodeRecord(value) : undefined;
  }

  async set(key: string, record: CacheRecord, ttlMs: number): Promise<void> {
    await this.client.set(this.prefix + key, encodeRecord(record), 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.client.unlink(...keys.map((key) => this.prefix + key));
  }

  /** Whether Redis answers now: what the readiness check asks. */
  async ping(): Promise<boolean> {
    return this.client.status === 'ready' && (await this.client.ping()) === 'PONG';
  }

  async close(): Promise<void> {
    if (this.client.status === 'end') return;
    // QUIT lets replies in flight arrive; a client still trying to connect just stops trying.
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }
}
