import type { ConsumerStatus } from '@concierge/shared/util-contracts';
import type { Plan } from '../config/partner-config';

/** The partner app behind a request, as the gateway enforces it. */
export interface PartnerConsumer {
  id: string;
  plan: Plan;
  status: ConsumerStatus;
}

/** Where the consumer guard leaves the consumer on the Fastify request (usage and limits read it there). */
export const CONSUMER_ON_REQUEST = 'partnerConsumer';

/** A request the consumer guard has seen. */
export interface WithConsumer {
  [CONSUMER_ON_REQUEST]?: PartnerConsumer;
}

/** The account a partner app's orders belong to in the orders service: the app is a B2B customer. */
export function partnerAccountOf(consumerId: string): string {
  return `partner-${consumerId}`;
}
