import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

/** The authenticated principal of a request (Fastify or Express), or undefined on a public route. */
export function principalOf(request: object): Principal | undefined {
  return (request as { user?: Principal }).user;
}

/** Injects the authenticated `Principal` into a handler parameter. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | undefined =>
    principalOf(context.switchToHttp().getRequest<object>()),
);
