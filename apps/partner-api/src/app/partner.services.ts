import { declareServices } from '@concierge/shared/data-access-service-clients';
import { CatalogClient, ConsumersClient, OrdersClient } from '@concierge/shared/data-access-clients';
import { demoServiceUrl } from '@concierge/shared/util-contracts';

/**
 * The services the partner API calls. Its `<NAME>_SERVICE_URL` variables, its upstreams and the clients it
 * can inject all derive from this list; without the variable a service is the demo one on this machine.
 */
export const partnerServices = declareServices({
  catalog: { client: CatalogClient, defaultUrl: demoServiceUrl('catalog') },
  orders: { client: OrdersClient, defaultUrl: demoServiceUrl('orders') },
  consumers: { client: ConsumersClient, defaultUrl: demoServiceUrl('consumers') },
});
