import { SetMetadata } from '@nestjs/common';

export const REQUIRED_ROLES = 'concierge:auth:roles';

/** The route needs at least one of these roles (403 otherwise). Controller and handler both apply. */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);
