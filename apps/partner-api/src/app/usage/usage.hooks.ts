import type { FastifyInstance } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CONSUMER_ON_REQUEST, type WithConsumer } from '../consumer/partner-consumer';
import { PartnerMetrics } from './partner.metrics';
import { USAGE_STORE } from '../plans/partner-stores.module';
import { utcDay, type UsageEvent, type UsageStore } from './usage.store';

/**
 * Counts every answered request of a known partner (refusals by plan or status included: they were
 * requests made) by consumer, operation, status class and UTC day, and by plan and operation in Prometheus.
 * Requests without a recognised partner (bad keys) have no consumer to count against.
 */
export function installUsageCounting(app: NestFastifyApplication): void {
  const usage = app.get<UsageStore>(USAGE_STORE);
  const metrics = app.get(PartnerMetrics);
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (request, reply, done) => {
    const consumer = (request as typeof request & WithConsumer)[CONSUMER_ON_REQUEST];
    if (consumer) {
      const operation = `${request.method} ${request.routeOptions.url ?? 'unmatched'}`;
      const statusClass =
        `${Math.min(5, Math.max(2, Math.floor(reply.statusCode / 100)))}xx` as UsageEvent['statusClass'];
      usage.record({ consumer: consumer.id, operation, statusClass, day: utcDay(Date.now()) });
      metrics.answered(consumer.plan.name, operation, reply.statusCode);
    }
    done();
  });
}
