/**
 * Authentication and authorization for the gateways: bearer JWTs from any OIDC issuer (JWKS, rotation,
 * verified-token cache) and device keys, a global guard with `@Public()`, `@Scopes()`, `@Roles()` and
 * `@Authenticated()`, and a framework-free `Authenticator` for routes registered straight on Fastify.
 */
export { AuthModule } from './auth.module';
export { AUTH_MODULE_OPTIONS } from './auth.module-definition';
export type {
  AuthModuleOptions,
  DeviceKeyOptions,
  ApiKeyOptions,
  ApiKeyVerification,
  JwtAlgorithm,
} from './auth-options';
export { Authenticator } from './authenticator.service';
export { assertAuthorized, type PrincipalType } from './authorization';
export { Public } from './public.decorator';
export { Scopes } from './scopes.decorator';
export { Roles } from './roles.decorator';
export { Authenticated, PrincipalKind } from './authenticated.decorator';
export { CurrentPrincipal, principalOf } from './current-principal.decorator';
export { type Principal } from './principal';
export type { RequestHeaders } from './credentials';
export { SESSION_CREDENTIAL_SOURCE, type SessionCredentialSource } from './session-credentials';
