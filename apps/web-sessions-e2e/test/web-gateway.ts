import type { DemoServices } from '@concierge/shared/util-testing';

/**
 * The built web gateway's environment with browser sessions on, against the demo services, for a browser
 * that reaches it at `origin` (the provider's registered redirect and back-channel logout URLs are there).
 */
export function sessionGatewayEnv(services: DemoServices, origin: string): Record<string, string> {
  return {
    ...services.environment,
    LOG_LEVEL: 'warn',
    ADMIN_PORT: '0',
    OIDC_ISSUER: services.urls.identity,
    OIDC_CLIENT_ID: 'web-bff',
    OIDC_CLIENT_SECRET: 'web-bff-demo-secret-not-for-production',
    PUBLIC_ORIGIN: origin,
    SESSION_SECRET: 'browser-test-session-secret-of-32-characters',
  };
}
