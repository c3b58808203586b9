import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  RATE_LIMIT_OPTIONS,
  RateLimiter,
  asPolicyDecision,
  quotaWindowSecOf,
  type PolicyDecision,
  type QuotaDecision,
  type QuotaStore,
  type RateLimitPolicy,
  type ResolvedRateLimitOptions,
} from '@concierge/shared/feature-rate-limit';
import { problem, withResponseHeaders } from '@concierge/shared/util-http';
import type { Plan } from '../config/partner-config';
import { CONSUMER_ON_REQUEST, type WithConsumer } from '../consumer/partner-consumer';
import { PartnerMetrics } from '../usage/partner.metrics';
import { PARTNER_LIMITER, QUOTA_STORE } from './partner-stores.module';
import { planHeaders } from './plan-headers';

/**
 * Enforces the partner app's plan on every partner operation, after the consumer guard: a quota already
 * used up is refused before anything is counted (`quota-exhausted`, `Retry-After` to the window's end);
 * then the short-window rate (`rate-limited`); then the request is counted in the quota — only when it is
 * served, so the count is exactly the requests served, on every replica together when Redis is used. Both
 * policies are on every answer in the draft's fields. When a store cannot be asked, `RATE_LIMIT_FAIL_MODE`
 * decides, as for every other limit.
 */
@Injectable()
export class PlanLimitGuard implements CanActivate {
  private readonly logger = new Logger(PlanLimitGuard.name);
  private lastWarning = -Infinity;

  constructor(
    @Inject(PARTNER_LIMITER) private readonly limiter: RateLimiter,
    @Inject(QUOTA_STORE) private readonly quotas: QuotaStore,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: ResolvedRateLimitOptions,
    private readonly metrics: PartnerMetrics,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & WithConsumer>();
    const consumer = request[CONSUMER_ON_REQUEST];
    if (!consumer) return false;
    const { plan } = consumer;
    const policies = policiesOf(plan);
    const route = request.routeOptions.url ?? 'unmatched';
    const bucket = `partner:${consumer.id}`;

    const before = await this.ask(() => this.quotas.peek(bucket, plan.quota));
    if (before && !before.allowed) {
      this.metrics.refused(plan.name, route, 'quota-exhausted');
      throw quotaExhausted(plan, before, policies);
    }

    const burst = await this.limiter.check(bucket, [plan.rate]);
    if (burst.unavailable) throw unavailable();
    const burstDecision: PolicyDecision[] = burst.failedOpen ? [] : [burst.policies[0]];
    if (!burst.allowed) {
      this.metrics.refused(plan.name, route, 'rate-limited');
      const retry = Math.max(1, burst.retryAfterSec);
      throw new HttpException(
        withResponseHeaders(
          problem(
            429,
            `The plan's rate of ${plan.rate.limit} per ${plan.rate.windowSec} s is exceeded; retry in ${retry} s.`,
            {
              type: 'rate-limited',
              retryAfter: retry,
            },
          ),
          planHeaders(policies, [...burstDecision, ...(before ? [asPolicyDecision(before)] : [])]),
        ),
        429,
      );
    }

    const counted = await this.ask(() => this.quotas.consume(bucket, plan.quota));
    if (counted && !counted.allowed) {
      this.metrics.refused(plan.name, route, 'quota-exhausted');
      throw quotaExhausted(plan, counted, policies);
    }
    http
      .getResponse<FastifyReply>()
      .headers(planHeaders(policies, [...burstDecision, ...(counted ? [asPolicyDecision(counted)] : [])]));
    return true;
  }

  /** A quota store call under the fail mode: `open` goes on without the quota, `closed` answers 503. */
  private async ask(call: () => Promise<QuotaDecision>): Promise<QuotaDecision | undefined> {
    try {
      return await call();
    } catch (error) {
      const now = performance.now();
      if (now - this.lastWarning > 10_000) {
        this.lastWarning = now;
        this.logger.warn(`Quota store unavailable (${this.options.failMode}): ${(error as Error).message}`);
      }
      if (this.options.failMode === 'closed') throw unavailable();
      return undefined;
    }
  }
}

function policiesOf(plan: Plan): RateLimitPolicy[] {
  return [
    plan.rate,
    {
      name: plan.quota.name,
      limit: plan.quota.limit,
      windowSec: quotaWindowSecOf(plan.quota.period),
      burst: plan.quota.limit,
    },
  ];
}

function quotaExhausted(
  plan: Plan,
  decision: QuotaDecision,
  policies: readonly RateLimitPolicy[],
): HttpException {
  const period =
    plan.quota.period === 'day'
      ? 'day (it starts again at 00:00 UTC)'
      : 'month (it starts again on the 1st, 00:00 UTC)';
  return new HttpException(
    withResponseHeaders(
      problem(
        429,
        `The plan's quota of ${plan.quota.limit} requests a ${period} is used up; retry in ${decision.resetSec} s.`,
        {
          type: 'quota-exhausted',
          retryAfter: decision.resetSec,
        },
      ),
      planHeaders(policies, [asPolicyDecision(decision)]),
    ),
    429,
  );
}

function unavailable(): HttpException {
  return new HttpException(
    withResponseHeaders(
      problem(503, 'Plan limits cannot be checked right now; try again shortly.', {
        type: 'rate-limiter-unavailable',
      }),
      {
        'Retry-After': '1',
      },
    ),
    503,
  );
}
