import { applyDecorators, UseGuards } from '@nestjs/common';
import { Authenticated } from '@concierge/shared/feature-auth';
import { RateLimit } from '@concierge/shared/feature-rate-limit';
import type { Scope } from '@concierge/shared/util-contracts';
import { ConsumerGuard } from '../consumer/consumer.guard';
import { PlanLimitGuard } from '../plans/plan-limit.guard';

/**
 * An operation of the public partner API: a partner app's credential with `scopes`, the app active, its
 * plan's rate and quota enforced, its usage counted — in this order, after the global authentication.
 * The API docs offer the `apiKey` scheme (X-Api-Key) on it, since the gateway accepts API keys.
 */
export function PartnerOperation(...scopes: Scope[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    // Any principal kind: the consumer guard refuses what is not a partner app, with a reason partners understand.
    Authenticated({ scopes }),
    UseGuards(ConsumerGuard, PlanLimitGuard),
  );
}

/**
 * An operation about the partner's account rather than the API's data (its usage): a partner app's
 * credential, the app active, counted in usage — but not held back by the plan, so a partner past its
 * quota can still see why. `limit` (a rate-limit policy per app) keeps it from being a free-for-all.
 */
export function PartnerAccountOperation(limit: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    Authenticated(),
    UseGuards(ConsumerGuard),
    RateLimit({ policies: limit, keyBy: 'client' }),
  );
}
