import { serviceUrlEnvironment } from '@concierge/shared/data-access-service-clients';
import { extendEnvironment, portVariable } from '@concierge/shared/feature-gateway-core';
import { mobileServices } from './mobile.services';

/** The mobile gateway reads the common gateway variables and its services' URLs; it listens on 3001 unless told otherwise. */
export const mobileEnvironment = extendEnvironment({
  PORT: portVariable({ default: 3001 }),
  ...serviceUrlEnvironment(mobileServices),
});
