import { covers, type PatternSegment } from './route-pattern';

export interface ConflictCandidate {
  index: number;
  methods: readonly string[];
  path: string;
  segments: readonly PatternSegment[];
}

export interface RouteConflict {
  /** The later route, which can never be reached as declared. */
  index: number;
  shadowedBy: number;
  method: string;
  reason: string;
}

/**
 * Routes that an earlier route with a shared method makes unreachable or ambiguous: the same pattern (up
 * to parameter names), or an earlier pattern matching every path the later one matches.
 */
export function findRouteConflicts(routes: readonly ConflictCandidate[]): RouteConflict[] {
  const conflicts: RouteConflict[] = [];
  for (const later of routes) {
    for (const earlier of routes) {
      if (earlier.index >= later.index) break;
      const method = later.methods.find((m) => earlier.methods.includes(m));
      if (!method) continue;
      if (covers(earlier.segments, later.segments)) {
        const same = covers(later.segments, earlier.segments);
        conflicts.push({
          index: later.index,
          shadowedBy: earlier.index,
          method,
          reason: same
            ? `${method} ${later.path} is the same route as routes[${earlier.index}] (${earlier.path})`
            : `${method} ${later.path} is shadowed by routes[${earlier.index}] (${earlier.path}), declared earlier`,
        });
        break;
      }
    }
  }
  return conflicts;
}
