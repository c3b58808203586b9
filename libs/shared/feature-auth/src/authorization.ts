import { forbidden } from './auth-errors';
import type { Principal } from './principal';
import type { Scope } from '@concierge/shared/util-contracts';

/** Which kind of principal a route serves. */
export type PrincipalKindRequirement = 'user' | 'device' | 'any';

/** What a route asks of an authenticated principal. */
export interface AuthRequirement {
  /** Every one of these scopes (util-contracts' `Scope`: a misspelt one does not compile). */
  scopes?: readonly Scope[];
  /** At least one of these roles. */
  roles?: readonly string[];
  /** `user` admits user and client tokens' people only, `device` devices only; default `any`. */
  principal?: PrincipalKindRequirement;
}

/**
 * Throws 403 problem+json (`WWW-Authenticate: Bearer error="insufficient_scope"`) unless `principal`
 * meets `requirement`. Framework-free, for the guard and for routes registered straight on Fastify.
 */
export function assertAuthorized(principal: Principal, requirement: AuthRequirement, realm: string): void {
  const scopes = requirement.scopes ?? [];
  const roles = requirement.roles ?? [];
  const kind = requirement.principal ?? 'any';
  const kindOk = kind === 'any' || principal.kind === kind;
  const scopesOk = scopes.every((scope) => principal.scopes.includes(scope));
  const rolesOk = roles.length === 0 || roles.some((role) => principal.roles.includes(role));
  if (!kindOk || !scopesOk || !rolesOk) throw forbidden(realm, scopes);
}
