import { declareServices } from '@concierge/shared/data-access-service-clients';
import { DevicesClient, UsersClient } from '@concierge/shared/data-access-clients';
import { demoServiceUrl } from '@concierge/shared/util-contracts';

/**
 * The services the iot gateway calls. Its `<NAME>_SERVICE_URL` variables, its upstreams (service
 * clients, declared routes, `/health/upstreams`) and the clients it can inject all derive from this list;
 * without the variable a service is the demo one on this machine.
 */
export const iotServices = declareServices({
  devices: { client: DevicesClient, defaultUrl: demoServiceUrl('devices') },
  users: { client: UsersClient, defaultUrl: demoServiceUrl('users') },
});
