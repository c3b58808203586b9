/**
 * Typed clients of the services behind the gateways, one per service, over the platform's
 * `UpstreamClient`; their wire shapes are in `@concierge/shared/util-contracts`. A gateway declares the
 * ones it calls (`declareServices` in its folder). Owned by the teams of those services, not the platform.
 */
export { UsersClient } from './lib/users.client';
export { CatalogClient } from './lib/catalog.client';
export { OrdersClient } from './lib/orders.client';
export { DevicesClient } from './lib/devices.client';
export { ConsumersClient } from './lib/consumers.client';
