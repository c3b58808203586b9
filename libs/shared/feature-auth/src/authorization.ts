import { forbidden, wrongPrincipal } from './auth-errors';
import type { Principal } from './principal';
import type { Scope } from '@concierge/shared/util-contracts';

/** The kinds of principal: a person's token, a client-credentials token, a device (key or token). */
export type PrincipalType = Principal['kind'];

/** Which kinds of principal a route serves: one, several (e.g. `['user', 'client']`), or `any`. */
export type PrincipalKindRequirement = PrincipalType | readonly PrincipalType[] | 'any';

/** What a route asks of an authenticated principal. */
export interface AuthRequirement {
  /** Every one of these scopes (util-contracts' `Scope`: a misspelt one does not compile). */
  scopes?: readonly Scope[];
  /** At least one of these roles. */
  roles?: readonly string[];
  /** The kinds of principal admitted (e.g. `['user', 'client']`); default `any`. */
  principal?: PrincipalKindRequirement;
}

/**
 * Throws 403 problem+json (`WWW-Authenticate: Bearer error="insufficient_scope"`) unless `principal`
 * meets `requirement`. Framework-free, for the guard and for routes registered straight on Fastify.
 */
export function assertAuthorized(principal: Principal, requirement: AuthRequirement, realm: string): void {
  const scopes = requirement.scopes ?? [];
  const roles = requirement.roles ?? [];
  const accepted = acceptedKinds(requirement.principal);
  // The kind first: a client token on a user-only route is told so, not sent hunting for a scope.
  if (accepted && !accepted.includes(principal.kind)) throw wrongPrincipal(principal.kind, accepted);
  const scopesOk = scopes.every((scope) => principal.scopes.includes(scope));
  const rolesOk = roles.length === 0 || roles.some((role) => principal.roles.includes(role));
  if (!scopesOk || !rolesOk) throw forbidden(realm, scopes);
}

/** The kinds a requirement admits, or undefined for any. */
function acceptedKinds(
  requirement: PrincipalKindRequirement | undefined,
): readonly PrincipalType[] | undefined {
  if (requirement === undefined || requirement === 'any') return undefined;
  return typeof requirement === 'string' ? [requirement] : requirement;
}
