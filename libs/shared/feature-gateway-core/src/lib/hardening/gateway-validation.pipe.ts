import { HttpException, ValidationPipe } from '@nestjs/common';
import { problem } from '@concierge/shared/util-http';
import { reservedMemberPath } from './reserved-member';

/**
 * Nest's ValidationPipe with its one silent step made loud. Before validating, the pipe deletes every
 * member named `__proto__`, `constructor` or `prototype` from the value (an own `constructor` would make
 * class-validator skip a nested DTO's rules). Deleted silently, a device's metric named `constructor`
 * was counted as accepted and never stored; here such a member is refused with 400 naming it instead, so
 * what a controller receives is exactly what the client sent.
 */
export class GatewayValidationPipe extends ValidationPipe {
  protected override stripProtoKeys(value: unknown): void {
    const path = reservedMemberPath(value);
    if (path === undefined) return;
    throw new HttpException(
      problem(
        400,
        `${path}: the names __proto__, constructor and prototype are reserved and not accepted as members.`,
        { type: 'forbidden-property' },
      ),
      400,
    );
  }
}
