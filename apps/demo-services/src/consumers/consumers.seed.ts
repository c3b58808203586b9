import type { ConsumerApp } from '@concierge/shared/util-contracts';

const PARTNER_SCOPES = ['catalog:read', 'orders:read', 'orders:write'];

/*
 * DEMO PARTNER APPS AND KEYS — deliberately public, listed in the README, valid only against these demo
 * services. Each app's id is also its OAuth client id at the identity service.
 */
export const DEMO_CONSUMER_APPS: readonly Omit<ConsumerApp, 'createdAt'>[] = [
  { id: 'acme-tools', name: 'Acme Tools', plan: 'free', status: 'active', scopes: PARTNER_SCOPES },
  { id: 'globex-shop', name: 'Globex Shop', plan: 'standard', status: 'active', scopes: PARTNER_SCOPES },
  { id: 'initech', name: 'Initech (suspended)', plan: 'free', status: 'suspended', scopes: PARTNER_SCOPES },
];

/** `ck_<keyId>.<secret>` of each demo app. */
export const DEMO_CONSUMER_KEYS = [
  { appId: 'acme-tools', keyId: 'acme0001', secret: 'partner-demo-secret-0001' },
  { appId: 'globex-shop', keyId: 'globex01', secret: 'partner-demo-secret-0002' },
  { appId: 'initech', keyId: 'initech1', secret: 'partner-demo-secret-0003' },
] as const;
