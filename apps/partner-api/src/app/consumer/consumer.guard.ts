import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '@concierge/shared/feature-auth';
import { IDENTITY_HEADERS, problem } from '@concierge/shared/util-http';
import { requestContextOf } from '@concierge/shared/util-request-context';
import { ConsumerDirectory } from './consumer-directory.service';
import { CONSUMER_ON_REQUEST, partnerAccountOf, type WithConsumer } from './partner-consumer';

/**
 * Runs after authentication on every partner operation: finds the partner app behind the credential,
 * refuses a suspended one with 403, and leaves the app on the request for the plan limits and usage.
 * Upstream, the app acts as its own customer account (`x-user-id: partner-<app>`), so the services'
 * own rules (whose order is whose, idempotency per caller) apply to partners as to anyone.
 */
@Injectable()
export class ConsumerGuard implements CanActivate {
  constructor(private readonly directory: ConsumerDirectory) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & WithConsumer & { user?: Principal }>();
    if (!request.user) return false;
    const consumer = await this.directory.consumerOf(request.user);
    request[CONSUMER_ON_REQUEST] = consumer;
    if (consumer.status !== 'active') {
      throw new ForbiddenException(
        problem(403, 'This app is suspended; contact the API team.', { type: 'app-suspended' }),
      );
    }
    const requestContext = requestContextOf(request);
    if (requestContext) {
      requestContext.identity = {
        ...requestContext.identity,
        [IDENTITY_HEADERS.userId]: partnerAccountOf(consumer.id),
      };
    }
    return true;
  }
}
