import { extendEnvironment } from '@concierge/shared/feature-gateway-core';

/** The mobile gateway reads the common gateway variables; it listens on 3001 unless told otherwise. */
export const mobileEnvironment = extendEnvironment({
  PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3001 },
});
