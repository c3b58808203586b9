import { HttpException, Injectable } from '@nestjs/common';
import { AdminEndpoints } from '@concierge/shared/feature-gateway-core';
import { PROBLEM_CONTENT_TYPE, responseHeadersOf } from '@concierge/shared/util-http';
import { UsageService } from './usage.service';

/**
 * `GET /admin/usage?from=&to=` on the admin listener: every consumer's usage, for operators. The client
 * port has no such route: who else uses the API is no partner's business, and operator endpoints live
 * where only operators reach (loopback or `ADMIN_TOKEN`).
 */
@Injectable()
export class UsageAdminEndpoint {
  constructor(endpoints: AdminEndpoints, usage: UsageService) {
    endpoints.add({
      method: 'GET',
      url: '/admin/usage',
      handler: async (request, reply) => {
        const { from, to } = request.query as { from?: unknown; to?: unknown };
        try {
          return await usage.report(asDay(from), asDay(to));
        } catch (err) {
          if (!(err instanceof HttpException)) throw err;
          // The same problem+json a partner gets for a bad range (or usage that cannot be read now).
          const body = err.getResponse() as Record<string, unknown>;
          return reply
            .headers(responseHeadersOf(body) ?? {})
            .code(err.getStatus())
            .type(PROBLEM_CONTENT_TYPE)
            .send({ ...body, instance: request.url.split('?')[0] });
        }
      },
    });
  }
}

/** A query value as `usageDays` reads it: one string or nothing (a repeated parameter is not a day). */
function asDay(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : '(several values)';
}
