import { Type } from '@sinclair/typebox';
import { serviceUrlEnvironment } from '@concierge/shared/data-access-service-clients';
import { extendEnvironment, portVariable, urlVariable } from '@concierge/shared/feature-gateway-core';
import { webServices } from './web.services';

const int = (minimum: number, maximum: number, fallback: number) =>
  Type.Integer({ minimum, maximum, default: fallback });

/** Browser sessions (the BFF token handler): on when `OIDC_ISSUER` is set, and then these are required too. */
const SESSION_REQUIRES = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_ORIGIN', 'SESSION_SECRET'];

/**
 * The web gateway reads the common gateway variables, its services' URLs and its browser-session
 * variables; it listens on 3000 unless told otherwise.
 */
export const webEnvironment = Object.assign(
  extendEnvironment({
    PORT: portVariable({ default: 3000 }),
    ...serviceUrlEnvironment(webServices),
    OIDC_ISSUER: Type.Optional(urlVariable()),
    OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
    OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1, writeOnly: true })),
    OIDC_SCOPE: Type.Optional(Type.String({ pattern: '\\bopenid\\b' })),
    PUBLIC_ORIGIN: Type.Optional(Type.String({ pattern: '^https?://[^/\\s?#]+$' })),
    SESSION_SECRET: Type.Optional(Type.String({ minLength: 32, writeOnly: true })),
    SESSION_KEY_PREFIX: Type.String({ pattern: '^[A-Za-z0-9:_.-]{1,64}$', default: 'session:web-bff:' }),
    SESSION_IDLE_TIMEOUT_SEC: int(60, 86_400, 1800),
    SESSION_ABSOLUTE_TIMEOUT_SEC: int(60, 2_592_000, 28_800),
    // The built browser app (`dist/apps/web-app`), served at `/` with sessions on; default beside main.js.
    WEB_APP_DIR: Type.Optional(Type.String({ minLength: 1 })),
  }),
  { dependentRequired: { OIDC_ISSUER: SESSION_REQUIRES } },
);
