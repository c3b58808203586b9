import type { ConfigService } from '@nestjs/config';
import type { ServiceName } from '@concierge/shared/data-access-service-clients';

const URL_VARIABLES: Record<ServiceName, string> = {
  users: 'USERS_SERVICE_URL',
  catalog: 'CATALOG_SERVICE_URL',
  orders: 'ORDERS_SERVICE_URL',
  devices: 'DEVICES_SERVICE_URL',
};

/** Base URL of each named service, from configuration. */
export function serviceUrls(config: ConfigService, services: readonly ServiceName[]): Record<ServiceName, string> {
  const urls = {} as Record<ServiceName, string>;
  for (const name of services) urls[name] = config.getOrThrow<string>(URL_VARIABLES[name]);
  return urls;
}
