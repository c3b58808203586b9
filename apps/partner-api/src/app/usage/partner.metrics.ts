import { Injectable } from '@nestjs/common';
import { Counter, register } from 'prom-client';

const PARTNER_REQUESTS_METRIC = 'concierge_partner_requests_total';
const PARTNER_REFUSALS_METRIC = 'concierge_partner_refusals_total';

/** Why a partner's request was refused by its plan or status. */
export type RefusalReason = 'rate-limited' | 'quota-exhausted' | 'suspended';

function counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
  return (
    (register.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames })
  );
}

/**
 * Partner traffic by plan and route template — never by consumer: the number of partners is unbounded,
 * the number of plans and routes is not (a partner's own figures are on `GET /v1/usage`).
 */
@Injectable()
export class PartnerMetrics {
  private readonly requests = counter(
    PARTNER_REQUESTS_METRIC,
    'Partner API requests by plan, route template and status class.',
    ['plan', 'route', 'status_class'],
  );
  private readonly refusals = counter(
    PARTNER_REFUSALS_METRIC,
    'Partner API requests refused by plan or status, by plan, route template and reason.',
    ['plan', 'route', 'reason'],
  );

  answered(plan: string, route: string, status: number): void {
    this.requests.labels(plan, route, `${Math.floor(status / 100)}xx`).inc();
  }

  refused(plan: string, route: string, reason: RefusalReason): void {
    this.refusals.labels(plan, route, reason).inc();
  }
}
