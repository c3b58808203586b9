import { ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { firstValueFrom } from 'rxjs';
import { ConsumersClient } from '@concierge/shared/data-access-clients';
import { UpstreamException } from '@concierge/shared/data-access-service-clients';
import type { Principal } from '@concierge/shared/feature-auth';
import type { ConsumerApp, ConsumerStatus } from '@concierge/shared/util-contracts';
import { problem } from '@concierge/shared/util-http';
import type { PartnerConfig } from '../config/partner-config';
import { PARTNER_CONFIG } from '../config/partner-config.provider';
import type { PartnerConsumer } from './partner-consumer';

/** As long as an API key's own answer is trusted: a suspension reaches token callers just as fast. */
const APP_CACHE_TTL_MS = 15_000;

/**
 * Who the partner is and what their plan allows. An API key's verification already carries the app's plan
 * and status (as claims); a client-credentials token names only the client, so its app is read from the
 * consumers service (cached briefly, concurrent look-ups shared).
 */
@Injectable()
export class ConsumerDirectory {
  private readonly logger = new Logger(ConsumerDirectory.name);
  private readonly apps: LRUCache<string, ConsumerApp | false>;

  constructor(
    private readonly consumers: ConsumersClient,
    @Inject(PARTNER_CONFIG) private readonly config: PartnerConfig,
  ) {
    this.apps = new LRUCache<string, ConsumerApp | false>({
      max: 10_000,
      ttl: APP_CACHE_TTL_MS,
      fetchMethod: async (id) => {
        try {
          return await firstValueFrom(this.consumers.getApp(id));
        } catch (err) {
          if (err instanceof UpstreamException && err.getStatus() === 404) return false;
          throw err;
        }
      },
    });
  }

  /** The consumer of a verified principal; 403 when the principal is not a registered partner app. */
  async consumerOf(principal: Principal): Promise<PartnerConsumer> {
    if (principal.kind !== 'client' || !principal.clientId) throw notAPartner();
    const { plan, status } = principal.claims as { plan?: string; status?: ConsumerStatus };
    if (plan && status) return this.withPlan(principal.clientId, plan, status);
    const app = await this.apps.fetch(principal.clientId);
    if (!app) throw notAPartner();
    return this.withPlan(app.id, app.plan, app.status);
  }

  private withPlan(id: string, planName: string, status: ConsumerStatus): PartnerConsumer {
    const plan = this.config.plans.get(planName);
    if (!plan) {
      this.logger.error(
        `partner app ${id} is on plan "${planName}", which this gateway's configuration does not declare`,
      );
      throw new ForbiddenException(
        problem(403, 'This app has no plan on this API; contact the API team.', { type: 'plan-unknown' }),
      );
    }
    return { id, plan, status };
  }
}

function notAPartner(): ForbiddenException {
  return new ForbiddenException(
    problem(
      403,
      'The partner API takes the credentials of a registered partner app (an API key or its client token).',
      {
        type: 'not-a-partner-app',
      },
    ),
  );
}
