import type { CacheForward, HeaderMap } from './cache.types';

/** The parameters of one RFC 9211 `Cache-Status` entry. */
export interface CacheStatusEntry {
  /** Served from the cache without going upstream. */
  hit?: boolean;
  /** Why the request went upstream. */
  fwd?: CacheForward;
  /** The status the upstream answered the forwarded request with (absent when it gave no answer). */
  fwdStatus?: number;
  /** Seconds of freshness left (negative when stale). */
  ttl?: number;
  /** The forwarded response was stored. */
  stored?: boolean;
  /** The response came from another, concurrent request for the same key. */
  collapsed?: boolean;
  /** Implementation detail, e.g. why a response was not stored. */
  detail?: string;
}

const TOKEN = /^[A-Za-z*][!#$%&'*+\-.^_`|~:/\w]*$/;

/** Formats one entry, e.g. `concierge; hit; ttl=42` or `concierge; fwd=uri-miss; stored`. */
export function formatCacheStatus(name: string, entry: CacheStatusEntry): string {
  const parts = [name];
  if (entry.hit) parts.push('hit');
  if (entry.fwd) parts.push(`fwd=${entry.fwd}`);
  if (entry.fwdStatus !== undefined) parts.push(`fwd-status=${entry.fwdStatus}`);
  if (entry.ttl !== undefined) parts.push(`ttl=${Math.round(entry.ttl)}`);
  if (entry.stored) parts.push('stored');
  if (entry.collapsed) parts.push('collapsed');
  if (entry.detail) {
    parts.push(`detail=${TOKEN.test(entry.detail) ? entry.detail : JSON.stringify(entry.detail)}`);
  }
  return parts.join('; ');
}

/**
 * The headers with this cache's entry appended to `Cache-Status`: RFC 9211 lists caches from the origin
 * outwards, so an upstream cache's entries come first and ours, nearest the client, last.
 */
export function withCacheStatus(headers: HeaderMap, name: string, entry: CacheStatusEntry): HeaderMap {
  const ours = formatCacheStatus(name, entry);
  const existing = headers['cache-status'];
  const upstream = Array.isArray(existing) ? existing.join(', ') : existing;
  return { ...headers, 'cache-status': upstream ? `${upstream}, ${ours}` : ours };
}
