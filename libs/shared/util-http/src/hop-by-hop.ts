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
 * The headers minus hop-by-hop ones, those the `Connection` header names and those `drop` names (given
 * each lower-case name). Returns a new object with lower-case names; values are kept as they are.
 */
export function withoutHopByHop<T extends HeaderValue>(
  headers: Record<string, T>,
  drop?: (lowerCaseName: string) => boolean,
): Record<string, T> {
  const connection = headers['connection'] ?? headers['Connection'];
  // `keep-alive` and `close`, nearly every message's, name no header beyond the hop-by-hop ones.
  const named =
    connection === undefined || connection === 'keep-alive' || connection === 'close'
      ? undefined
      : connectionTokens(connection);
  const out: Record<string, T> = {};
  // On every proxied request and response: one plain loop, no intermediate arrays, and whatever a caller
  // must leave out is left out here rather than deleted afterwards (a `delete` makes V8 turn the object
  // into a slow dictionary, and every later read and write of it pays).
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP_HEADERS.has(lower) || named?.has(lower) || drop?.(lower)) continue;
    out[lower] = value;
  }
  return out;
}

function connectionTokens(connection: HeaderValue): Set<string> {
  const named = new Set<string>();
  for (const value of Array.isArray(connection) ? connection : [connection]) {
    if (typeof value !== 'string') continue;
    for (const token of value.split(',')) named.add(token.trim().toLowerCase());
  }
  return named;
}
