import { Type } from '@sinclair/typebox';
import { serviceUrlEnvironment } from '@concierge/shared/data-access-service-clients';
import { extendEnvironment, portVariable, type EnvironmentOf } from '@concierge/shared/feature-gateway-core';
import { partnerServices } from './partner.services';

/**
 * The partner gateway reads the common gateway variables, its services' URLs and its own: where its plans
 * and deprecations come from (`PARTNER_CONFIG_FILE`, else the built-in `partner.config.ts`), how many
 * checks of unknown API keys one client may have fail (`API_KEY_ATTEMPTS_PER_IP`) before it gets 429
 * without the consumers service being asked, and its Redis keys' prefix and deadline. It listens on 3003.
 */
export const partnerEnvironment = extendEnvironment({
  PORT: portVariable({ default: 3003 }),
  ...serviceUrlEnvironment(partnerServices),
  PARTNER_CONFIG_FILE: Type.Optional(Type.String({ minLength: 1 })),
  // `<failed checks>/<seconds>s[,burst=<n>]`: the auth library's failed-attempt budget per client for unknown keys.
  API_KEY_ATTEMPTS_PER_IP: Type.String({
    pattern: '^[1-9][0-9]{0,5}/[1-9][0-9]{0,5}s(,burst=[1-9][0-9]{0,5})?$',
    default: '20/60s',
  }),
  // Plan, quota and usage counters in Redis start with this (several deployments, or test runs, may share a Redis).
  PARTNER_REDIS_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_.-]{1,64}$', default: 'partner:' }),
  // How long a plan decision may wait for Redis before the fail mode applies.
  PARTNER_REDIS_TIMEOUT_MS: Type.Integer({ minimum: 10, maximum: 10000, default: 250 }),
});

/** The partner gateway's validated environment. */
export type PartnerEnvironment = EnvironmentOf<typeof partnerEnvironment>;
