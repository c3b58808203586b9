import type { Scope } from '@concierge/shared/util-contracts';

/*
 * DEMO CREDENTIALS — deliberately public, listed in the README, valid only against these demo services.
 * They are hashed when the identity service starts; nothing else keeps the plaintext.
 */

const CUSTOMER_SCOPES: Scope[] = ['profile:read', 'catalog:read', 'orders:read', 'orders:write'];
const ADMIN_SCOPES: Scope[] = [...CUSTOMER_SCOPES, 'devices:commands'];
const PARTNER_SCOPES: Scope[] = ['catalog:read', 'orders:read', 'orders:write'];
export const DEVICE_SCOPES: Scope[] = ['devices:config', 'devices:telemetry', 'devices:commands'];

export interface DemoUser {
  username: string;
  password: string;
  userId: string;
  roles: string[];
  scopes: Scope[];
}

export interface DemoClient {
  clientId: string;
  secret: string;
  scopes: Scope[];
  roles: string[];
  /** Set for device clients: the token's `sub` and `device_id`. */
  deviceId?: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'alice',
    password: 'wonderland',
    userId: 'u-1001',
    roles: ['customer'],
    scopes: CUSTOMER_SCOPES,
  },
  { username: 'bob', password: 'builder', userId: 'u-1002', roles: ['customer'], scopes: CUSTOMER_SCOPES },
  { username: 'admin', password: 'admin-demo', userId: 'u-1000', roles: ['admin'], scopes: ADMIN_SCOPES },
];

export const DEMO_CLIENTS: readonly DemoClient[] = [
  {
    clientId: 'dev-0001',
    secret: 'iot-demo-secret-0001',
    scopes: DEVICE_SCOPES,
    roles: ['device'],
    deviceId: 'dev-0001',
  },
  {
    clientId: 'dev-0002',
    secret: 'iot-demo-secret-0002',
    scopes: DEVICE_SCOPES,
    roles: ['device'],
    deviceId: 'dev-0002',
  },
  {
    clientId: 'reporting',
    secret: 'reporting-demo-secret',
    scopes: ['catalog:read', 'orders:read'],
    roles: ['service'],
  },
  // Partner apps that prefer tokens to API keys; the client id is the app's id in the consumers service.
  { clientId: 'acme-tools', secret: 'acme-demo-secret', scopes: PARTNER_SCOPES, roles: ['partner'] },
  { clientId: 'globex-shop', secret: 'globex-demo-secret', scopes: PARTNER_SCOPES, roles: ['partner'] },
];
