/** RFC 9110 §7.6.1: connection-specific fields that a proxy never forwards. */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

type HeaderValue = string | string[] | number | undefined;

/**
 * The headers minus hop-by-hop ones and those the `Connection` header names. Returns a new object with
 * lower-case names; values are kept as they are.
 */
export function withoutHopByHop<T extends HeaderValue>(headers: Record<string, T>): Record<string, T> {
  const named = new Set<string>();
  const connection = headers['connection'] ?? headers['Connection'];
  for (const value of [connection].flat()) {
    if (typeof value === 'string') {
      for (const token of value.split(',')) named.add(token.trim().toLowerCase());
    }
  }
  const out: Record<string, T> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP_HEADERS.has(lower) || named.has(lower)) continue;
    out[lower] = value;
  }
  return out;
}
