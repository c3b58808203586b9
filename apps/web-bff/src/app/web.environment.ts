import { extendEnvironment } from '@concierge/shared/feature-gateway-core';

/** The web gateway reads the common gateway variables; it listens on 3000 unless told otherwise. */
export const webEnvironment = extendEnvironment({
  PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3000 },
});
