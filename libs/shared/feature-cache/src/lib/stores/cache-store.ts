import type CachePolicy from 'http-cache-semantics';

/** A stored response: the policy that judges its freshness, and what is served from it. */
export interface StoredResponse {
  kind: 'response';
  policy: CachePolicy.CachePolicyObject;
  status: number;
  /** The headers served with it (hop-by-hop headers removed). */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * Stored at the primary key of a resource whose responses carry `Vary`: the nominated request headers,
 * and the generation of its variants, renewed on invalidation so every old variant becomes unreachable.
 */
export interface VaryIndex {
  kind: 'vary';
  fields: string[];
  generation: string;
}

/** What a store holds under a key. */
export type CacheRecord = StoredResponse | VaryIndex;

/**
 * Where entries live. Implementations may throw (a network store will); the cache treats every error as
 * a miss, so a store never fails a request.
 */
export interface CacheStore {
  get(key: string): Promise<CacheRecord | undefined>;
  /** Stores `record` for `ttlMs` milliseconds (after which the store forgets it). */
  set(key: string, record: CacheRecord, ttlMs: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  /** Releases connections; the store is not used afterwards. */
  close(): Promise<void>;
}
