import type CachePolicy from 'http-cache-semantics';
import { varyFields } from './cache-key';
import type { CacheRequest, CacheHttpResponse } from './cache.types';
import { parseCacheControl } from './policy';

/** Methods whose responses a cache may store and serve (RFC 9110 §9.2.3 safe and cacheable). */
export function isCacheableMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'HEAD';
}

/**
 * Why a response must not be stored, or undefined when it may be (RFC 9111 §3). Stricter than the RFC
 * where "nothing personal is ever served to another caller" asks for it: a shared cache never stores a
 * response that sets a cookie.
 */
export function unstorableReason(
  request: CacheRequest,
  response: CacheHttpResponse,
  policy: CachePolicy,
  shared: boolean,
  maxEntryBytes: number,
): string | undefined {
  if (!isCacheableMethod(request.method)) return 'method';
  // A part is not the representation: storing it as one would serve the part to a request for the whole.
  if (response.status === 206) return 'partial';
  if (parseCacheControl(request.headers['cache-control'])['no-store']) return 'request-no-store';
  const cc = parseCacheControl(response.headers['cache-control']);
  if (cc['no-store']) return 'no-store';
  if (shared && cc['private']) return 'private';
  if (
    shared &&
    request.headers['authorization'] !== undefined &&
    !(cc['public'] || cc['s-maxage'] || cc['must-revalidate'])
  ) {
    return 'authorization';
  }
  if (shared && response.headers['set-cookie'] !== undefined) return 'set-cookie';
  if (varyFields(response.headers['vary']).includes('*')) return 'vary-star';
  if (!policy.storable()) return 'not-cacheable';
  if (response.body.length > maxEntryBytes) return 'too-large';
  const validators =
    response.headers['etag'] !== undefined || response.headers['last-modified'] !== undefined;
  if (policy.timeToLive() <= 0 && !validators) return 'no-freshness';
  return undefined;
}
