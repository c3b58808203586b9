import { assertAuthorized, type Authenticator, type PrincipalType } from '@concierge/shared/feature-auth';
import type { Scope } from '@concierge/shared/util-contracts';
import type { RouteAuthenticate } from './declarative-routes.options';

/**
 * A route authenticator over feature-auth's `Authenticator`: verifies the credential (which also sets the
 * identity of the request's context), then checks the route's principal kind and scopes (403 otherwise).
 */
export function authenticateWith(authenticator: Authenticator): RouteAuthenticate {
  return async (headers, requirement, context) => {
    const principal = await authenticator.authenticate(headers, {}, context);
    const served = requirement.principals ?? { [requirement.kind]: requirement.scopes };
    // The kind first (a 403 that names it), then the scopes that kind must have. The loader refused any
    // scope outside the gateway's known scopes (util-contracts' SCOPES).
    assertAuthorized(principal, { principal: Object.keys(served) as PrincipalType[] }, authenticator.realm);
    const scopes = (served[principal.kind] ?? []) as readonly Scope[];
    assertAuthorized(principal, { scopes }, authenticator.realm);
    return { subject: `${principal.kind}:${principal.subject}` };
  };
}
