/**
 * Browser sessions for a gateway — the backend-for-frontend as OAuth token handler: sign-in through an
 * OpenID provider, tokens kept server-side (in process or Redis, encrypted), an HttpOnly `__Host-`
 * cookie for the browser, CSRF checks on every cookie-authenticated call, refresh and logout.
 */
export { SessionModule } from './lib/session.module';
