import { createHash } from 'node:crypto';

/** A strong validator: the same bytes always give the same tag, any other bytes a different one. */
export function strongEtag(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** RFC 9110 §13.1.2 If-None-Match: `*` or a list of (possibly weak) tags, compared weakly for GET. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}
