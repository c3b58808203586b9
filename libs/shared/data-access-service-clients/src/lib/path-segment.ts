import { HttpException } from '@nestjs/common';
import { problem } from '@concierge/shared/util-http';

/** A path parameter that would walk the upstream's path (`.` or `..`) is the client's mistake: 400. */
export class DotSegmentException extends HttpException {
  constructor() {
    super(problem(400, 'A path parameter may not be "." or "..".', { type: 'bad-path' }), 400);
  }
}

/**
 * One path parameter, encoded as exactly one segment of an upstream path. `encodeURIComponent` leaves
 * `.` alone, so `..` would become a dot segment the service resolves (`/products/../related`): such a
 * value is refused with a 400 instead of being sent.
 */
export function pathSegment(value: string): string {
  if (value === '.' || value === '..') throw new DotSegmentException();
  return encodeURIComponent(value);
}

/** True when a request path (without its query) has a `.` or `..` segment, plain or percent-encoded. */
export function hasDotSegment(path: string): boolean {
  // Nearly every path of a call: neither a dot nor an escape, so no segment to look at.
  if (!path.includes('.') && !path.includes('%')) return false;
  const q = path.indexOf('?');
  const bare = q === -1 ? path : path.slice(0, q);
  for (const segment of bare.split('/')) {
    if (segment === '.' || segment === '..') return true;
    if (segment.includes('%') && /^(?:\.|%2e){1,2}$/i.test(segment)) return true;
  }
  return false;
}
