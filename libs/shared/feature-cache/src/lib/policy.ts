import CachePolicy from 'http-cache-semantics';
import type { CacheRequest, HeaderMap } from './cache.types';

/** Tunables of freshness computation. */
export interface PolicyTuning {
  /** Milliseconds since the epoch; injected so tests control time. */
  clock: () => number;
  /** RFC 9111 §4.2.2: the fraction of the time since `Last-Modified` used as heuristic freshness (0.1). */
  heuristicFraction: number;
  /** The cap on a heuristic freshness lifetime, in seconds. */
  heuristicMaxSec: number;
}

/** Builds `CachePolicy` objects that read time from the injected clock and cap heuristic freshness. */
export interface PolicyFactory {
  create(request: CachePolicy.Request, response: CachePolicy.Response, shared: boolean): CachePolicy;
  fromObject(object: CachePolicy.CachePolicyObject): CachePolicy;
}

/** Parsed `Cache-Control`: directive names lower-case, `true` for a directive without a value. */
export function parseCacheControl(value: string | string[] | undefined): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  const text = Array.isArray(value) ? value.join(',') : value;
  if (!text) return out;
  for (const part of text.split(',')) {
    const [rawName, ...rest] = part.split('=');
    const name = rawName.trim().toLowerCase();
    if (!name) continue;
    out[name] = rest.length
      ? rest
          .join('=')
          .trim()
          .replace(/^"(.*)"$/, '$1')
      : true;
  }
  return out;
}

function hasExplicitFreshness(cc: Record<string, unknown>, headers: HeaderMap, shared: boolean): boolean {
  return Boolean((shared && cc['s-maxage']) || cc['max-age'] || headers['expires']);
}

/** RFC 9110 §15.1: the statuses a cache may give heuristic freshness (any other needs it explicit, or `public`). */
const HEURISTICALLY_CACHEABLE = new Set([200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501]);

/**
 * A `Cache-Control` value as one string with every directive name lower-case (RFC 9111 §5.2: names are
 * case-insensitive; http-cache-semantics compares them as written), several field lines joined.
 */
function normalisedCacheControl(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(', ') : value;
  return text
    .split(',')
    .map((part) => {
      const equals = part.indexOf('=');
      return equals === -1
        ? part.trim().toLowerCase()
        : `${part.slice(0, equals).trim().toLowerCase()}=${part.slice(equals + 1).trim()}`;
    })
    .filter(Boolean)
    .join(', ');
}

// RFC 9111 §5.1: Age is one non-negative integer. Anything else (text, a sign, a list, several lines)
// cannot be trusted to make a response fresher, so the response is taken as older than any lifetime.
const VALID_AGE = /^\d+$/;
const UNTRUSTED_AGE = '2147483648';

function ageOf(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && VALID_AGE.test(value.trim()) ? value.trim() : UNTRUSTED_AGE;
}

/** A `PolicyFactory` for one cache. */
export function policyFactory({ clock, heuristicFraction, heuristicMaxSec }: PolicyTuning): PolicyFactory {
  // A subclass (not instance patches) so the policies the library derives itself (`revalidatedPolicy`,
  // `fromObject`) keep the clock and the cap.
  class TunedPolicy extends CachePolicy {
    now(): number {
      return clock();
    }

    override maxAge(): number {
      const lifetime = super.maxAge();
      if (lifetime <= 0) return lifetime;
      const { rescc, resh, sh, st } = this.toObject();
      if (hasExplicitFreshness(rescc, resh, sh)) return lifetime;
      // Heuristic freshness (RFC 9111 §4.2.2): only for statuses that allow it, or when marked `public`.
      if (!HEURISTICALLY_CACHEABLE.has(st) && !rescc['public']) return 0;
      return Math.min(lifetime, heuristicMaxSec);
    }
  }
  return {
    // `immutable` does not make a response fresh for a day (the library's default): once its lifetime is
    // over it is revalidated like any other (RFC 8246 §2).
    create: (request, response, shared) =>
      new TunedPolicy(request, response, {
        shared,
        cacheHeuristic: heuristicFraction,
        immutableMinTimeToLive: 0,
      }),
    fromObject: (object) => TunedPolicy.fromObject(object),
  };
}

/**
 * What the policy sees of a request: method, URL and the request's own caching directives. No `Host`
 * (replicas answer on different hosts for the same resource) and no credentials: only whether
 * `Authorization` was present, which is all RFC 9111 §3.5 asks.
 */
export function policyRequest(request: CacheRequest, shared: boolean): CachePolicy.Request {
  const headers: CachePolicy.Headers = {};
  const cacheControl = normalisedCacheControl(request.headers['cache-control']);
  if (cacheControl !== undefined) headers['cache-control'] = cacheControl;
  const pragma = request.headers['pragma'];
  if (pragma !== undefined) headers['pragma'] = Array.isArray(pragma) ? pragma.join(', ') : pragma;
  if (shared && request.headers['authorization'] !== undefined) headers['authorization'] = 'present';
  return { method: request.method.toUpperCase(), url: request.url, headers };
}

/**
 * What the policy sees of a response: its headers without `Vary` (variants are told apart by their keys,
 * so no request header has to be kept in the store) and with the route's `ttlSec` as `max-age` when the
 * response gives no explicit freshness of its own.
 */
export function policyResponse(
  status: number,
  headers: HeaderMap,
  ttlSec: number | undefined,
  shared: boolean,
): CachePolicy.Response {
  const view: CachePolicy.Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name !== 'vary' && value !== undefined) view[name] = value;
  }
  const normalised = normalisedCacheControl(headers['cache-control']);
  if (normalised !== undefined) view['cache-control'] = normalised;
  const age = ageOf(headers['age']);
  if (age !== undefined) view['age'] = age;
  const cc = parseCacheControl(headers['cache-control']);
  if (ttlSec !== undefined && !hasExplicitFreshness(cc, headers, shared)) {
    const current = view['cache-control'];
    const text = Array.isArray(current) ? current.join(', ') : current;
    view['cache-control'] = text ? `${text}, max-age=${ttlSec}` : `max-age=${ttlSec}`;
  }
  return { status, headers: view };
}
