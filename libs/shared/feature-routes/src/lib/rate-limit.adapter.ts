import {
  callerKey,
  clientIp,
  rateLimitHeaders,
  rateLimitRejection,
  toPolicies,
  type RateLimiter,
  type RateLimitPolicy,
  type ResolvedRateLimitOptions,
} from '@concierge/shared/feature-rate-limit';
import type { RouteRateLimiter } from './declarative-routes.options';

/** A route's compiled limit: its policies and the bucket they fill. */
export interface CompiledRouteLimit {
  policies: readonly RateLimitPolicy[];
  /** `default` (shared with the controllers) or `route:<id>`. */
  bucket: string;
}

/** `RateLimit-Policy` names the policy after the route: `"catalog-search"`, or `"catalog-search.burst"`. */
function namedAfter(routeId: string, policies: readonly RateLimitPolicy[]): RateLimitPolicy[] {
  const single = policies.length === 1 && policies[0].name === 'default';
  return policies.map((p) => Object.freeze({ ...p, name: single ? routeId : `${routeId}.${p.name}` }));
}

/**
 * A route rate limiter over feature-rate-limit's `RateLimiter` and its resolved options. A route that
 * names no policy counts against the gateway's default bucket — the very bucket the controllers' guard
 * fills (`default:<caller>`), so declaring routes never multiplies a caller's budget. A route with its own
 * policy gets its own bucket, and its policy is named after the route in the headers. `off` (or an empty
 * default) is not limited. The caller is the verified identity (per `keyBy`) or the client IP.
 */
export function rateLimitWith(
  limiter: RateLimiter,
  options: ResolvedRateLimitOptions,
): RouteRateLimiter<CompiledRouteLimit> {
  return {
    compile(policy, routeId = 'route') {
      if (policy === undefined) {
        return options.defaultPolicies.length > 0
          ? { policies: options.defaultPolicies, bucket: 'default' }
          : undefined;
      }
      const policies = toPolicies(policy);
      return policies.length > 0
        ? { policies: namedAfter(routeId, policies), bucket: `route:${routeId}` }
        : undefined;
    },
    async check({ identity, remoteAddress, headers }, { policies, bucket }) {
      const caller = callerKey(options.keyBy, identity, () =>
        clientIp(remoteAddress, headers, options.trustedProxies, options.forwardedHeader),
      );
      const decision = await limiter.check(`${bucket}:${caller}`, policies);
      return decision.allowed
        ? { headers: rateLimitHeaders(decision) }
        : { headers: {}, rejection: rateLimitRejection(decision) };
    },
  };
}
