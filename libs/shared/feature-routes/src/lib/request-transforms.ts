import type { HeaderTransforms, RequestTransforms } from './routes.types';

/** Request headers with a route's `rename`, `remove` and `set` applied, in that order (names lower-cased). Pure. */
export function transformRequestHeaders<T>(
  headers: Record<string, T | string>,
  rules: HeaderTransforms | undefined,
): Record<string, T | string> {
  if (!rules) return headers;
  const out = { ...headers };
  for (const [from, to] of Object.entries(rules.rename ?? {})) {
    const value = out[from.toLowerCase()];
    if (value === undefined) continue;
    delete out[from.toLowerCase()];
    out[to.toLowerCase()] = value;
  }
  for (const name of rules.remove ?? []) delete out[name.toLowerCase()];
  for (const [name, value] of Object.entries(rules.set ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/**
 * The query string (without `?`) with a route's `rename`, `remove`, `set` and `allow` applied. Without
 * rules the raw query passes untouched (never re-encoded). Pure.
 */
export function transformQuery(rawQuery: string, rules: RequestTransforms['query']): string {
  if (!rules) return rawQuery;
  const input = new URLSearchParams(rawQuery);
  const output = new URLSearchParams();
  const rename = rules.rename ?? {};
  const removed = new Set(rules.remove ?? []);
  for (const [name, value] of input) {
    if (removed.has(name)) continue;
    output.append(rename[name] ?? name, value);
  }
  for (const [name, value] of Object.entries(rules.set ?? {})) output.set(name, value);
  if (rules.allow) {
    const allowed = new Set(rules.allow);
    for (const name of [...output.keys()]) if (!allowed.has(name)) output.delete(name);
  }
  return output.toString();
}
