import { serviceUrlEnvironment } from '@concierge/shared/data-access-service-clients';
import { extendEnvironment, portVariable } from '@concierge/shared/feature-gateway-core';
import { iotServices } from './iot.services';

/** The iot gateway reads the common gateway variables and its services' URLs; it listens on 3002 unless told otherwise. */
export const iotEnvironment = extendEnvironment({
  PORT: portVariable({ default: 3002 }),
  ...serviceUrlEnvironment(iotServices),
});
