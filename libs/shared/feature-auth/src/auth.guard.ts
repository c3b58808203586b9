import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RequestHeaders } from './credentials';
import { Authenticator } from './authenticator.service';
import { assertAuthorized, type PrincipalKindRequirement } from './authorization';
import { REQUIRED_PRINCIPAL } from './authenticated.decorator';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { REQUIRED_SCOPES } from './scopes.decorator';
import type { Scope } from '@concierge/shared/util-contracts';
import { requestContextOf } from '@concierge/shared/util-request-context';

/**
 * The global guard (registered by `AuthModule` as `APP_GUARD`): every HTTP route needs valid credentials
 * unless marked `@Public()`, and must satisfy the `@Scopes`, `@Roles` and principal kind set on its
 * controller and on its handler. The principal is put on `request.user`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: RequestHeaders; ip?: string; user?: unknown }>();
    const principal = await this.authenticator.authenticate(
      request.headers,
      { address: request.ip },
      requestContextOf(request),
    );
    request.user = principal;

    for (const target of targets) {
      assertAuthorized(
        principal,
        {
          scopes: this.reflector.get<Scope[]>(REQUIRED_SCOPES, target),
          roles: this.reflector.get<string[]>(REQUIRED_ROLES, target),
          principal: this.reflector.get<PrincipalKindRequirement>(REQUIRED_PRINCIPAL, target),
        },
        this.authenticator.realm,
      );
    }
    return true;
  }
}
