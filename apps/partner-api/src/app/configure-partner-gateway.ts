import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { installDeprecationHeaders } from './shared/deprecation.hook';
import type { PartnerEnvironment } from './partner.environment';
import { installUsageCounting } from './usage/usage.hooks';

/** The partner gateway's own set-up before it listens (main.ts and the e2e suites both use it). */
export function configurePartnerGateway(app: NestFastifyApplication, _config: PartnerEnvironment): void {
  installDeprecationHeaders(app);
  installUsageCounting(app);
}
