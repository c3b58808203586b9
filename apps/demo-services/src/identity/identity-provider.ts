import { FIXED_USERS } from '../seed/users.seed';
import { AuthorizationCodeStore } from './authorization-code.store';
import type { CredentialStore } from './credential.store';
import { IdpSessionStore } from './idp-session.store';
import type { KeyRing } from './key-ring';
import { demoOidcClients, OidcClientRegistry } from './oidc-clients';
import { OidcTokenIssuer } from './oidc-token.issuer';
import type { OidcDeps } from './oidc.deps';
import { RefreshTokenStore } from './refresh-token.store';
import { SignInThrottle, type SignInLimits } from './sign-in-throttle';
import type { TokenIssuer } from './token.issuer';

export interface IdentityProviderOptions {
  issuer: () => string;
  keys: KeyRing;
  credentials: CredentialStore;
  accessTokens: TokenIssuer;
  tokenTtlSec: number;
  refreshTokenTtlSec: number;
  webOrigin: string;
  signInLimits: SignInLimits;
}

const PROFILES = new Map<string, Record<string, string>>(
  FIXED_USERS.map((u) => [u.id, { name: u.displayName, preferred_username: u.username }]),
);

/** The authorization server's state and clients, built once per identity service. */
export function identityProvider(options: IdentityProviderOptions): OidcDeps {
  return {
    issuer: options.issuer,
    credentials: options.credentials,
    signIns: new SignInThrottle(options.credentials, options.signInLimits),
    clients: new OidcClientRegistry(demoOidcClients(options.webOrigin)),
    codes: new AuthorizationCodeStore(),
    refreshTokens: new RefreshTokenStore(options.refreshTokenTtlSec),
    sessions: new IdpSessionStore(),
    accessTokens: options.accessTokens,
    oidcTokens: new OidcTokenIssuer(options.keys, {
      issuer: options.issuer,
      idTokenTtlSec: options.tokenTtlSec,
    }),
    profileOf: (subject) => PROFILES.get(subject),
  };
}
