/** A request path decoded once into segments, or why it is refused. */
export type NormalizedPath =
  { ok: true; segments: string[]; trailingSlash: boolean } | { ok: false; reason: string };

const HEX = /^[0-9A-Fa-f]{2}$/;
/** Control characters (C0, DEL): a NUL or CR/LF in a path is never innocent. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Decodes a request path exactly once and refuses anything that could change meaning on a second
 * decoding or walk out of the route's upstream prefix: `.`/`..` segments (plain or `%2e`-encoded),
 * encoded `/` or `\`, a `%` surviving the decoding (double encoding such as `%252e`), backslashes,
 * control characters and NUL, empty interior segments, malformed escapes and invalid UTF-8.
 * The upstream path is then rebuilt from the decoded segments, each re-encoded.
 */
export function normalizePath(rawPath: string): NormalizedPath {
  if (!rawPath.startsWith('/')) return refuse('the path must start with "/"');
  if (rawPath.includes('\\')) return refuse('backslashes are not allowed in a path');
  if (hasControl(rawPath)) return refuse('control characters are not allowed in a path');
  const parts = rawPath.slice(1).split('/');
  const trailingSlash = parts.length > 1 && parts[parts.length - 1] === '';
  if (trailingSlash || (parts.length === 1 && parts[0] === '')) parts.pop();
  const segments: string[] = [];
  for (const part of parts) {
    if (part === '') return refuse('empty path segments ("//") are not allowed');
    const decoded = decodeSegment(part);
    if (typeof decoded !== 'string') return decoded;
    if (decoded === '.' || decoded === '..') return refuse('dot segments are not allowed in a path');
    segments.push(decoded);
  }
  return { ok: true, segments, trailingSlash };
}

function decodeSegment(part: string): string | { ok: false; reason: string } {
  if (!part.includes('%')) return part;
  for (let i = part.indexOf('%'); i !== -1; i = part.indexOf('%', i + 1)) {
    const hex = part.slice(i + 1, i + 3);
    if (!HEX.test(hex)) return refuse('malformed percent-encoding in the path');
    const code = parseInt(hex, 16);
    if (code === 0x2f || code === 0x5c) return refuse('encoded slashes are not allowed in a path');
    if (code === 0x25) return refuse('double percent-encoding is not allowed in a path');
    if (code < 0x20 || code === 0x7f) return refuse('encoded control characters are not allowed in a path');
  }
  try {
    return decodeURIComponent(part);
  } catch {
    return refuse('the path is not valid UTF-8');
  }
}

function refuse(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** Characters `encodeSegment` leaves as they are: RFC 3986 unreserved, and the sub-delims, `:` and `@`. */
const PCHAR_AS_IS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]*$/;

/** A decoded segment encoded for the upstream request line (RFC 3986 pchar kept readable). */
export function encodeSegment(segment: string): string {
  // Most segments (`products`, `p-0001`) need no encoding: one test instead of an encode and a replace.
  if (PCHAR_AS_IS.test(segment)) return segment;
  return encodeURIComponent(segment).replace(/%(3A|40|24|26|2B|2C|3B|3D)/gi, (match) =>
    decodeURIComponent(match),
  );
}
