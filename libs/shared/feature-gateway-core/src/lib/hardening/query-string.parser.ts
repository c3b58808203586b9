import { parse } from 'node:querystring';

/**
 * How many parameters a query string (or a urlencoded body) holds, counting at most `stopAt`: a URL of
 * ten thousand `&` costs no more than the cap.
 */
export function countQueryParams(query: string, stopAt = Number.MAX_SAFE_INTEGER): number {
  let count = 0;
  let start = 0;
  while (start <= query.length && count < stopAt) {
    let end = query.indexOf('&', start);
    if (end === -1) end = query.length;
    if (end > start) count++;
    start = end + 1;
  }
  return count;
}

/**
 * Fastify's `querystringParser` with a cap: at most `maxParams + 1` keys are parsed (a limit hook
 * refuses the request when there are more), into an object without a prototype. It must never throw:
 * it runs inside the router, where an exception would escape every error handler.
 */
export function cappedQueryStringParser(
  maxParams: number,
): (query: string) => Record<string, string | string[]> {
  return (query) => {
    if (query.length === 0) return Object.create(null) as Record<string, string | string[]>;
    try {
      // Node's `maxKeys` counts empty pieces too: `&&&…&limit=0` would have its real parameters cut off
      // silently, while the limit hook (which counts only real ones) lets it through. Drop the empties first.
      const compact =
        query.includes('&&') || query.startsWith('&') ? query.split('&').filter(Boolean).join('&') : query;
      return parse(compact, '&', '=', { maxKeys: maxParams + 1 }) as Record<string, string | string[]>;
    } catch {
      return Object.create(null) as Record<string, string | string[]>;
    }
  };
}
