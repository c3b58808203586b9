import { serviceUrlEnvironment } from '@concierge/shared/data-access-service-clients';
import { extendEnvironment, portVariable } from '@concierge/shared/feature-gateway-core';
import { webServices } from './web.services';

/** The web gateway reads the common gateway variables and its services' URLs; it listens on 3000 unless told otherwise. */
export const webEnvironment = extendEnvironment({
  PORT: portVariable({ default: 3000 }),
  ...serviceUrlEnvironment(webServices),
});
