import { SetMetadata } from '@nestjs/common';
import type { Scope } from '@concierge/shared/util-contracts';

export const REQUIRED_SCOPES = 'concierge:auth:scopes';

/**
 * The route needs every one of these scopes (403 otherwise). On a controller and on a handler, both
 * apply: a handler cannot relax its controller's requirement. A scope not in util-contracts' `SCOPES`
 * does not compile.
 */
export const Scopes = (...scopes: Scope[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPES, scopes);
