import type { FastifyInstance } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PartnerConfig } from '../config/partner-config';
import { PARTNER_CONFIG } from '../config/partner-config.provider';

/**
 * Operations marked deprecated in the configuration answer with RFC 9745 `Deprecation`, RFC 8594 `Sunset`
 * and a `Link` (`rel="deprecation"`) to the notice — on every answer, errors included, so a partner's
 * logs show it whatever happened.
 */
export function installDeprecationHeaders(app: NestFastifyApplication): void {
  const { deprecations } = app.get<PartnerConfig>(PARTNER_CONFIG);
  if (deprecations.size === 0) return;
  const fastify: FastifyInstance = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    const entry = deprecations.get(`${request.method} ${request.routeOptions.url}`);
    if (entry) {
      reply.header('Deprecation', entry.deprecation);
      if (entry.sunset) reply.header('Sunset', entry.sunset);
      if (entry.link) reply.header('Link', `<${entry.link}>; rel="deprecation"; type="text/html"`);
    }
    done();
  });
}
