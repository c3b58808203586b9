import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  clientIp,
  rateLimitHeaders,
  rateLimitRejection,
  type RateLimiter,
  type RateLimitPolicy,
  type ResolvedRateLimitOptions,
} from '@concierge/shared/feature-rate-limit';
import { PROBLEM_CONTENT_TYPE, responseHeadersOf } from '@concierge/shared/util-http';

type OnRequest = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** The gateway's default policies, named `bff` in the headers (`bff.<name>` when there are several). */
function namedBff(policies: readonly RateLimitPolicy[]): RateLimitPolicy[] {
  const single = policies.length === 1;
  return policies.map((p) => Object.freeze({ ...p, name: single ? 'bff' : `bff.${p.name}` }));
}

/**
 * The `/bff/*` routes' rate limit, through the gateway's one `RateLimiter`: the gateway's default policy
 * (`RATE_LIMIT_DEFAULT`) in a bucket of its own per client IP — nobody is identified yet at sign-in, and
 * a flood of `/bff/login` must not spend a signed-in user's API budget. Undefined when limits are off.
 * Answers 429 problem+json with `Retry-After` (503 when the store is away in fail-closed mode).
 */
export function bffRateLimit(limiter: RateLimiter, options: ResolvedRateLimitOptions): OnRequest | undefined {
  if (options.defaultPolicies.length === 0) return undefined;
  const policies = namedBff(options.defaultPolicies);
  return async (request, reply) => {
    const ip = clientIp(
      request.raw.socket?.remoteAddress,
      request.headers,
      options.trustedProxies,
      options.forwardedHeader,
    );
    const decision = await limiter.check(`bff:ip:${ip}`, policies);
    if (decision.allowed) {
      reply.headers(rateLimitHeaders(decision));
      return;
    }
    const rejection = rateLimitRejection(decision);
    const document = { ...rejection, instance: request.url.split('?')[0], requestId: request.id };
    return reply
      .code(rejection.status)
      .headers(responseHeadersOf(rejection) ?? {})
      .header('cache-control', 'no-store')
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify(document));
  };
}
