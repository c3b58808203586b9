import type { Device, Order, UserProfile } from '@concierge/shared/util-contracts';
import { seedCatalog, type CatalogSeed } from './catalog.seed';
import { seedDevices } from './devices.seed';
import { seedOrders } from './orders.seed';
import { seedRecommendations } from './recommendations.seed';
import { seedUsers } from './users.seed';

/** Everything the five services start with. Built once per process, from one seed. */
export interface DemoData {
  users: UserProfile[];
  catalog: CatalogSeed;
  orders: Order[];
  devices: Device[];
  recommendations: Map<string, string[]>;
}

export function buildDemoData(seed: number): DemoData {
  const users = seedUsers(seed);
  const catalog = seedCatalog(seed);
  return {
    users,
    catalog,
    orders: seedOrders(seed, users, catalog.products),
    devices: seedDevices(seed, users),
    recommendations: seedRecommendations(seed, users, catalog.products),
  };
}
