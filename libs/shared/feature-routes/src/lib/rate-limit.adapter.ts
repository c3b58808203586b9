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

/**
 * A route rate limiter over feature-rate-limit's `RateLimiter` and its resolved options: a route's policy
 * string is parsed once (undefined: the gateway's default; `off` or an empty default: not limited); the
 * bucket is the route's, owned by the verified caller (per `keyBy`) or the client IP.
 */
export function rateLimitWith(limiter: RateLimiter, options: ResolvedRateLimitOptions): RouteRateLimiter<readonly RateLimitPolicy[]> {
  return {
    compile(policy) {
      const policies = policy === undefined ? options.defaultPolicies : toPolicies(policy);
      return policies.length > 0 ? policies : undefined;
    },
    async check({ bucket, identity, remoteAddress, headers }, policies) {
      const caller = callerKey(options.keyBy, identity, () => clientIp(remoteAddress, headers, options.trustedProxies, options.forwardedHeader));
      const decision = await limiter.check(`route:${bucket}:${caller}`, policies);
      return decision.allowed ? { headers: rateLimitHeaders(decision) } : { headers: {}, rejection: rateLimitRejection(decision) };
    },
  };
}
