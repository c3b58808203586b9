import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { AuthRequirement, PrincipalKindRequirement } from './authorization';
import { Roles } from './roles.decorator';
import { Scopes } from './scopes.decorator';

export const REQUIRED_PRINCIPAL = 'concierge:auth:principal';

/** Only these kinds of principal (one, or a list such as `['user', 'client']`) may call the route (403 otherwise). */
export const PrincipalKind = (kind: PrincipalKindRequirement): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PRINCIPAL, kind);

/**
 * Everything a route asks of its caller in one decorator, e.g.
 * `@Authenticated({ scopes: ['devices:telemetry'], principal: 'device' })` or
 * `@Authenticated({ scopes: ['catalog:read'], principal: ['user', 'client'] })`.
 */
export function Authenticated(requirement: AuthRequirement = {}): MethodDecorator & ClassDecorator {
  const decorators: Array<MethodDecorator & ClassDecorator> = [];
  if (requirement.scopes?.length) decorators.push(Scopes(...requirement.scopes));
  if (requirement.roles?.length) decorators.push(Roles(...requirement.roles));
  if (requirement.principal && requirement.principal !== 'any')
    decorators.push(PrincipalKind(requirement.principal));
  return applyDecorators(...decorators);
}
