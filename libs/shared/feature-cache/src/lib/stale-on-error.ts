import { HttpException } from '@nestjs/common';
import type CachePolicy from 'http-cache-semantics';
import { problem, withResponseHeaders } from '@concierge/shared/util-http';
import { formatCacheStatus } from './cache-status';
import { parseCacheControl } from './policy';

/** What to do with a stale stored response when the upstream failed: serve it, refuse (504), or pass the failure on. */
export type StaleOnErrorVerdict = 'serve' | 'refuse' | 'pass';

function seconds(value: string | true | undefined): number {
  const parsed = typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : -1;
}

/**
 * RFC 9111 §4.2.4 and §5.2.2: a response that says `must-revalidate`, `proxy-revalidate` (shared),
 * `s-maxage` (shared) or `no-cache`, or a request that says `no-cache`, is never reused unvalidated,
 * not even when the origin cannot be reached. Otherwise RFC 5861's `stale-if-error` (the response's or
 * the request's) allows it for as many seconds past freshness as it names.
 */
export function staleOnError(
  policy: CachePolicy,
  request: CachePolicy.Request,
  shared: boolean,
): StaleOnErrorVerdict {
  const { rescc } = policy.toObject() as { rescc: Record<string, string | true> };
  const reqcc = parseCacheControl(request.headers['cache-control']);
  const forbidden =
    rescc['must-revalidate'] ||
    rescc['no-cache'] ||
    (shared && (rescc['proxy-revalidate'] || rescc['s-maxage'])) ||
    reqcc['no-cache'];
  if (forbidden) return 'refuse';
  const staleness = policy.age() - policy.maxAge();
  const allowed = Math.max(seconds(rescc['stale-if-error']), seconds(reqcc['stale-if-error']));
  return allowed >= 0 && staleness <= allowed ? 'serve' : 'pass';
}

/** The 504 for a stored response that may not be served stale, with this cache's `Cache-Status` entry. */
export function staleRefused(cacheName: string, fwdStatus: number | undefined): HttpException {
  const body = problem(
    504,
    'The upstream could not be reached, and the stored response may not be served without it.',
    {
      type: 'stale-not-allowed',
    },
  );
  const status = formatCacheStatus(cacheName, { fwd: 'stale', fwdStatus, detail: 'stale-not-allowed' });
  return new HttpException(withResponseHeaders(body, { 'cache-status': status }), 504);
}
