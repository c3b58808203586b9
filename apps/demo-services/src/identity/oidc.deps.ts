import type { AuthorizationCodeStore } from './authorization-code.store';
import type { CredentialStore } from './credential.store';
import type { IdpSessionStore } from './idp-session.store';
import type { OidcClientRegistry } from './oidc-clients';
import type { OidcTokenIssuer } from './oidc-token.issuer';
import type { RefreshTokenStore } from './refresh-token.store';
import type { SignInThrottle } from './sign-in-throttle';
import type { TokenIssuer } from './token.issuer';

/** What the authorization-code flow, refresh, revocation and logout share. */
export interface OidcDeps {
  issuer: () => string;
  credentials: CredentialStore;
  /** Password sign-ins with brute-force limits (the form and the password grant). */
  signIns: SignInThrottle;
  clients: OidcClientRegistry;
  codes: AuthorizationCodeStore;
  refreshTokens: RefreshTokenStore;
  sessions: IdpSessionStore;
  accessTokens: TokenIssuer;
  oidcTokens: OidcTokenIssuer;
  /** `profile` scope claims of a subject (`name`, `preferred_username`). */
  profileOf: (subject: string) => Record<string, string> | undefined;
}
