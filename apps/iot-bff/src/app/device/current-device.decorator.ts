import { createParamDecorator, ForbiddenException, type ExecutionContext } from '@nestjs/common';
import { principalOf, type Principal } from '@concierge/shared/feature-auth';

/**
 * The verified device id of a device principal, or a 403 for anyone else. Device endpoints take the id
 * from here and nowhere else (never from the path, query or body), so one device cannot act as another;
 * refusing here as well as in `@Authenticated({ principal: 'device' })` keeps a route safe even if its
 * decorator is forgotten.
 */
export function deviceIdOf(principal: Principal | undefined): string {
  if (principal?.kind !== 'device' || !principal.deviceId) {
    throw new ForbiddenException('This endpoint serves devices only.');
  }
  return principal.deviceId;
}

export const CurrentDeviceId = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  deviceIdOf(principalOf(context.switchToHttp().getRequest<object>())),
);
