import { assertAuthorized, type Authenticator } from '@concierge/shared/feature-auth';
import type { Scope } from '@concierge/shared/util-contracts';
import type { RouteAuthenticate } from './declarative-routes.options';

/**
 * A route authenticator over feature-auth's `Authenticator`: verifies the credential (which also sets the
 * request context's identity), then checks the route's principal kind and scopes (403 otherwise).
 */
export function authenticateWith(authenticator: Authenticator): RouteAuthenticate {
  return async (headers, requirement) => {
    const principal = await authenticator.authenticate(headers);
    // The loader refused any scope outside the gateway's known scopes (util-contracts' SCOPES).
    const scopes = requirement.scopes as readonly Scope[];
    assertAuthorized(principal, { scopes, principal: requirement.kind }, authenticator.realm);
    return { subject: `${principal.kind}:${principal.subject}` };
  };
}
