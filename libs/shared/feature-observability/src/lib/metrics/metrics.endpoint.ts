import { Injectable } from '@nestjs/common';
import { AdminEndpoints } from '@concierge/shared/feature-gateway-core';
import { register } from 'prom-client';
import { METRICS_PATH } from './metric-names';

/**
 * `GET /metrics` (every metric of the process, Prometheus text format) on the admin listener: metric
 * labels name internal services and routes, which are not the client's business.
 */
@Injectable()
export class MetricsEndpoint {
  constructor(endpoints: AdminEndpoints) {
    endpoints.add({
      method: 'GET',
      url: METRICS_PATH,
      handler: async (_request, reply) =>
        reply.header('content-type', register.contentType).send(await register.metrics()),
    });
  }
}
