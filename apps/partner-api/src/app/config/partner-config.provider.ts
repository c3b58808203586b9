import type { Provider } from '@nestjs/common';
import { GatewayConfig } from '@concierge/shared/feature-gateway-core';
import type { PartnerEnvironment } from '../partner.environment';
import { loadPartnerConfig, type PartnerConfig } from './partner-config';

/** Injection token of the validated `PartnerConfig`. */
export const PARTNER_CONFIG = Symbol('PARTNER_CONFIG');

/** Loaded once at start-up: a bad plans file stops the process with a message naming the entry. */
export const partnerConfigProvider: Provider<PartnerConfig> = {
  provide: PARTNER_CONFIG,
  inject: [GatewayConfig],
  useFactory: ({ env }: GatewayConfig<PartnerEnvironment>) => loadPartnerConfig(env.PARTNER_CONFIG_FILE),
};
