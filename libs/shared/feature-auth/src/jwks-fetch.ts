import type { JSONWebKeySet } from 'jose';

/** How long a fetched key set is trusted: the response's `Cache-Control`, kept within bounds. */
export interface KeySetLifetime {
  /** Used when the response says nothing about freshness. */
  defaultMs: number;
  /** A `max-age` below this (or `no-cache`) is raised to it, so an issuer cannot make us fetch on every request. */
  minMs: number;
  /** A `max-age` above this is lowered to it, so a removed key is noticed in bounded time. */
  maxMs: number;
}

/** A key set as fetched: its keys and how long they may be used before a refresh. */
export interface FetchedKeySet {
  jwks: JSONWebKeySet;
  maxAgeMs: number;
}

/** The issuer's keys (or discovery document) could not be had: unreachable, timed out, or not a valid answer. */
export class KeySourceUnavailableError extends Error {
  override name = 'KeySourceUnavailableError';
}

// A JWKS is a few KB; a document far larger than this is not one, and is not read into memory.
const MAX_DOCUMENT_BYTES = 512 * 1024;

/** GETs `url` as JSON within `timeoutMs`; throws `KeySourceUnavailableError` naming the URL and the reason. */
export async function fetchJsonDocument(
  url: string,
  timeoutMs: number,
): Promise<{ body: unknown; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new KeySourceUnavailableError(`${url}: ${reasonOf(err, timeoutMs)}`);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new KeySourceUnavailableError(`${url}: answered ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_DOCUMENT_BYTES) {
    await response.body?.cancel();
    throw new KeySourceUnavailableError(`${url}: document too large (${declared} bytes)`);
  }
  try {
    const text = await response.text();
    if (text.length > MAX_DOCUMENT_BYTES) throw new Error(`document too large (${text.length} bytes)`);
    return { body: JSON.parse(text) as unknown, headers: response.headers };
  } catch (err) {
    throw new KeySourceUnavailableError(`${url}: ${reasonOf(err, timeoutMs)}`);
  }
}

/** Fetches a JWKS and how long it may be kept, from its `Cache-Control` within `lifetime`'s bounds. */
export async function fetchKeySet(
  url: string,
  timeoutMs: number,
  lifetime: KeySetLifetime,
): Promise<FetchedKeySet> {
  const { body, headers } = await fetchJsonDocument(url, timeoutMs);
  const keys = (body as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'object' && k !== null && !Array.isArray(k))) {
    throw new KeySourceUnavailableError(`${url}: not a JWK Set (no "keys" array of objects)`);
  }
  return { jwks: { keys } as JSONWebKeySet, maxAgeMs: maxAgeOf(headers.get('cache-control'), lifetime) };
}

/** The freshness lifetime `cacheControl` gives, clamped to `lifetime`'s bounds. */
export function maxAgeOf(cacheControl: string | null, lifetime: KeySetLifetime): number {
  const clamp = (ms: number) => Math.min(lifetime.maxMs, Math.max(lifetime.minMs, ms));
  if (!cacheControl) return clamp(lifetime.defaultMs);
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((d) => d.trim());
  if (directives.some((d) => d === 'no-cache' || d === 'no-store')) return lifetime.minMs;
  const maxAge = directives.map((d) => /^max-age=(\d+)$/.exec(d)?.[1]).find((v) => v !== undefined);
  return clamp(maxAge !== undefined ? Number(maxAge) * 1000 : lifetime.defaultMs);
}

function reasonOf(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return `no answer within ${timeoutMs} ms`;
  const cause =
    err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return err instanceof Error ? err.message : String(err);
}
