import { HttpException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import {
  RATE_LIMIT_OPTIONS,
  type RateLimiter,
  clientIp,
  parseRateLimitPolicies,
  rateLimitHeaders,
  type ResolvedRateLimitOptions,
} from '@concierge/shared/feature-rate-limit';
import { problem, withResponseHeaders } from '@concierge/shared/util-http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PARTNER_LIMITER } from '../plans/partner-stores.module';
import { VerifiedKeys } from './verified-keys';

/**
 * Unknown API keys cost a call to the consumers service each; a client guessing keys would turn that into
 * a flood. Every distinct API key not seen valid (nor tried) lately counts against its client IP
 * (`API_KEY_ATTEMPTS_PER_IP`, shared by the replicas on Redis); past it the request is refused with 429 in
 * `onRequest`, before authentication, any upstream call or any body is read. Keys already proven valid
 * pass for free, and a key is counted once however many requests carry it at the same time.
 */
export function installKeyAttemptLimit(app: NestFastifyApplication, spec: string): void {
  const policies = parseRateLimitPolicies(spec).map((p) => ({ ...p, name: 'key-attempts' }));
  const limiter = app.get<RateLimiter>(PARTNER_LIMITER);
  const options = app.get<ResolvedRateLimitOptions>(RATE_LIMIT_OPTIONS);
  const verified = app.get(VerifiedKeys);
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request) => {
    if (policies.length === 0 || !verified.isNewAttempt(request.headers)) return;
    const ip = clientIp(
      request.raw.socket?.remoteAddress,
      request.headers,
      options.trustedProxies,
      options.forwardedHeader,
    );
    const decision = await limiter.check(`api-key-attempts:ip:${ip}`, policies);
    if (decision.allowed) return;
    const retry = Math.max(1, decision.retryAfterSec);
    throw new HttpException(
      withResponseHeaders(
        problem(429, `Too many unrecognised API keys from this address; retry in ${retry} s.`, {
          type: 'too-many-key-attempts',
          retryAfter: retry,
        }),
        rateLimitHeaders(decision),
      ),
      429,
    );
  });
}
