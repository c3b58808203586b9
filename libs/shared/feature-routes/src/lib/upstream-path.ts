import type { PatternSegment } from './route-pattern';
import { encodeSegment } from './path-normalizer';

/**
 * The route's parameters taken from the once-decoded request segments: `:name` by position, `*` the
 * rest. Undefined when the segments do not fit the pattern (the router matched something we would not).
 */
export function extractParameters(
  pattern: readonly PatternSegment[],
  segments: readonly string[],
): { params: Record<string, string>; rest: string[] } | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.kind === 'wildcard') return { params, rest: segments.slice(i) };
    const segment = segments[i];
    if (segment === undefined) return undefined;
    if (p.kind === 'static' && p.value !== segment) return undefined;
    if (p.kind === 'param') params[p.name] = segment;
  }
  return segments.length === pattern.length ? { params, rest: [] } : undefined;
}

/**
 * The upstream path: the base URL's path, then the rewrite template with each parameter re-encoded as a
 * single segment. Nothing in a parameter can add a segment, so the result stays under the prefix.
 */
export function buildUpstreamPath(
  basePath: string,
  rewrite: readonly PatternSegment[],
  { params, rest }: { params: Record<string, string>; rest: string[] },
  trailingSlash: boolean,
): string {
  let path = basePath;
  for (const segment of rewrite) {
    if (segment.kind === 'static') path += '/' + encodeSegment(segment.value);
    else if (segment.kind === 'param') path += '/' + encodeSegment(params[segment.name]);
    else for (const part of rest) path += '/' + encodeSegment(part);
  }
  if (path === '' || (trailingSlash && !path.endsWith('/'))) path += '/';
  return path;
}
