import { Inject, Injectable } from '@nestjs/common';
import type { DeprecationNotice, OpenApiDeprecationsSource } from '@concierge/shared/feature-api-docs';
import type { PartnerConfig } from '../config/partner-config';
import { PARTNER_CONFIG } from '../config/partner-config.provider';

/**
 * The operations the configuration marks deprecated, for the API docs (`deprecated: true` and their
 * headers documented); `deprecation.hook.ts` sends the same headers on the answers.
 */
@Injectable()
export class DeprecatedOperations implements OpenApiDeprecationsSource {
  constructor(@Inject(PARTNER_CONFIG) private readonly config: PartnerConfig) {}

  openApiDeprecations(): ReadonlyMap<string, DeprecationNotice> {
    return this.config.deprecations;
  }
}
