import type { HeaderMap } from './cache.types';

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function opaque(tag: string): string {
  const trimmed = tag.trim();
  return trimmed.startsWith('W/') ? trimmed.slice(2) : trimmed;
}

/**
 * RFC 9110 §13.1.2 and §13.1.3 for a stored response: does the request's `If-None-Match` (weak
 * comparison, `*` matching any) or, only when it has none, its `If-Modified-Since` say that the client's
 * copy is the stored one? Then the cache answers 304 itself.
 */
export function clientHasStored(request: HeaderMap, stored: HeaderMap): boolean {
  const ifNoneMatch = request['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const etag = first(stored['etag']);
    if (etag === undefined) return false;
    const tags = (Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch)
      .split(',')
      .map((tag) => tag.trim());
    return tags.includes('*') || tags.some((tag) => tag && opaque(tag) === opaque(etag));
  }
  const since = Date.parse(first(request['if-modified-since']) ?? '');
  const lastModified = Date.parse(first(stored['last-modified']) ?? first(stored['date']) ?? '');
  return Number.isFinite(since) && Number.isFinite(lastModified) && lastModified <= since;
}

// RFC 9110 §15.4.5: what a 304 carries of the response it stands for.
const NOT_MODIFIED_HEADERS = [
  'cache-control',
  'content-location',
  'date',
  'etag',
  'expires',
  'vary',
  'age',
  'cache-status',
];

/** The headers of a 304 standing for a stored response served with `served` headers. */
export function notModifiedHeaders(served: HeaderMap): HeaderMap {
  const out: HeaderMap = {};
  for (const name of NOT_MODIFIED_HEADERS) {
    if (served[name] !== undefined) out[name] = served[name];
  }
  return out;
}
