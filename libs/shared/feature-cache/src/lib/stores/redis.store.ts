import type { RedisConnection } from '@concierge/shared/data-access-redis';
import type { CacheRecord, CacheStore } from './cache-store';
import { decodeRecord, encodeRecord } from './record-codec';

/** Options of the Redis store. */
export interface RedisStoreOptions {
  /** A fail-fast connection (a server or a Cluster); the store owns it and closes it on `close`. */
  connection: RedisConnection;
  /** Prepended to every key, so several caches (or test runs) share one Redis without meeting. */
  keyPrefix: string;
}

/**
 * Entries in Redis, shared by every replica pointing at it. Errors propagate; the cache turns them into
 * misses (while Redis is away that costs nothing: the connection fails at once). Keys expire with the
 * entry's freshness lifetime plus the revalidation grace. Every command names one key, so entries spread
 * over a Cluster's slots.
 */
export class RedisStore implements CacheStore {
  private readonly connection: RedisConnection;
  private readonly prefix: string;

  constructor({ connection, keyPrefix }: RedisStoreOptions) {
    this.connection = connection;
    this.prefix = keyPrefix;
  }

  async get(key: string): Promise<CacheRecord | undefined> {
    const value = await this.connection.run((client) => client.getBuffer(this.prefix + key));
    return value ? decodeRecord(value) : undefined;
  }

  async set(key: string, record: CacheRecord, ttlMs: number): Promise<void> {
    await this.connection.run((client) =>
      client.set(this.prefix + key, encodeRecord(record), 'PX', Math.max(1, Math.ceil(ttlMs))),
    );
  }

  async delete(keys: readonly string[]): Promise<void> {
    // One UNLINK per key: keys of several URLs may sit in different Cluster slots (auto-pipelined, one write).
    if (keys.length)
      await this.connection.run((client) => Promise.all(keys.map((key) => client.unlink(this.prefix + key))));
  }

  /** Whether Redis answers now: what the readiness check asks. */
  ping(): Promise<boolean> {
    return this.connection.ping();
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
