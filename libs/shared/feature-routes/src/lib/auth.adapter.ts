import { assertAuthorized, type Authenticator } from '@concierge/shared/feature-auth';
import type { RouteAuthenticate } from './declarative-routes.options';

/**
 * A route authenticator over feature-auth's `Authenticator`: verifies the credential (which also sets the
 * request context's identity), then checks the route's principal kind and scopes (403 otherwise).
 */
export function authenticateWith(authenticator: Authenticator): RouteAuthenticate {
  return async (headers, requirement) => {
    const principal = await authenticator.authenticate(headers);
    assertAuthorized(principal, { scopes: requirement.scopes, principal: requirement.kind }, authenticator.realm);
    return { subject: `${principal.kind}:${principal.subject}` };
  };
}
