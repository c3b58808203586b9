/** One segment of a route path: a literal, a `:param`, or the trailing `*`. */
export type PatternSegment =
  { kind: 'static'; value: string } | { kind: 'param'; name: string } | { kind: 'wildcard' };

const PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)$/;
// RFC 3986 pchar minus '%' (a pattern is written decoded) and minus ':' at the start (a parameter).
const STATIC = /^[A-Za-z0-9._~!$&'()+,;=@-][A-Za-z0-9._~!$&'()+,;=@:-]*$/;

/** Thrown for a path that is not `/static/:param/*` syntax; the message says which segment is wrong. */
export class RoutePatternError extends Error {}

/** Parses `/orders/:id/items/*` into segments; `/` is the empty list. */
export function parsePattern(path: string): PatternSegment[] {
  if (!path.startsWith('/')) throw new RoutePatternError(`must start with "/"`);
  const raw = path === '/' ? [] : path.slice(1).split('/');
  return raw.map((segment, index): PatternSegment => {
    if (segment === '*') {
      if (index !== raw.length - 1) throw new RoutePatternError(`"*" is only allowed as the last segment`);
      return { kind: 'wildcard' };
    }
    const param = PARAM.exec(segment);
    if (param) return { kind: 'param', name: param[1] };
    if (segment === '.' || segment === '..' || !STATIC.test(segment)) {
      throw new RoutePatternError(`segment "${segment}" is not a literal, a ":param" or a trailing "*"`);
    }
    return { kind: 'static', value: segment };
  });
}

/** Parameter names a pattern declares, `*` included when it ends with one. */
export function parameterNames(segments: readonly PatternSegment[]): string[] {
  return segments.flatMap((s) => (s.kind === 'param' ? [s.name] : s.kind === 'wildcard' ? ['*'] : []));
}

/**
 * True when every request path `later` matches is also matched by `earlier`: `earlier` would shadow it.
 * A parameter covers any one segment; a trailing `*` covers any rest (one segment or more).
 */
export function covers(earlier: readonly PatternSegment[], later: readonly PatternSegment[]): boolean {
  for (let i = 0; i < earlier.length; i++) {
    const a = earlier[i];
    if (a.kind === 'wildcard') return i < later.length;
    const b = later[i];
    if (b === undefined || b.kind === 'wildcard') return false;
    if (a.kind === 'static' && (b.kind !== 'static' || b.value !== a.value)) return false;
  }
  return earlier.length === later.length;
}
