import { extendEnvironment } from '@concierge/shared/feature-gateway-core';

/** The IoT gateway reads the common gateway variables; it listens on 3002 unless told otherwise. */
export const iotEnvironment = extendEnvironment({
  PORT: { type: 'integer', minimum: 0, maximum: 65535, default: 3002 },
});
