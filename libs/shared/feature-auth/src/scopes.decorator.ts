import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPES = 'concierge:auth:scopes';

/**
 * The route needs every one of these scopes (403 otherwise). On a controller and on a handler, both
 * apply: a handler cannot relax its controller's requirement.
 */
export const Scopes = (...scopes: string[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES, scopes);
