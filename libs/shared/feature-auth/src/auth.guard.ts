import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RequestHeaders } from './credentials';
import { Authenticator } from './authenticator.service';
import { assertAuthorized, type AuthRequirement, type PrincipalKindRequirement } from './authorization';
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
/** What one handler asks of a caller, read from its metadata once (it never changes after start-up). */
interface HandlerRequirements {
  isPublic: boolean;
  /** The controller's requirements, then the handler's: both must hold. */
  levels: AuthRequirement[];
}

@Injectable()
export class AuthGuard implements CanActivate {
  /** By controller class, then handler: an inherited handler may sit under classes that ask differently. */
  private readonly handlers = new WeakMap<object, Map<unknown, HandlerRequirements>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const { isPublic, levels } = this.requirementsOf(context);
    if (isPublic) return true;

    const request = context
      .switchToHttp()
      .getRequest<{ headers: RequestHeaders; ip?: string; user?: unknown }>();
    const principal = await this.authenticator.authenticate(
      request.headers,
      { address: request.ip },
      requestContextOf(request),
    );
    request.user = principal;

    for (const requirement of levels) assertAuthorized(principal, requirement, this.authenticator.realm);
    return true;
  }

  private requirementsOf(context: ExecutionContext): HandlerRequirements {
    const controller = context.getClass();
    const handler = context.getHandler();
    let byHandler = this.handlers.get(controller);
    if (!byHandler) this.handlers.set(controller, (byHandler = new Map()));
    let known = byHandler.get(handler);
    if (!known) {
      const targets = [handler, controller];
      known = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
        levels: targets.map((target) => ({
          scopes: this.reflector.get<Scope[]>(REQUIRED_SCOPES, target),
          roles: this.reflector.get<string[]>(REQUIRED_ROLES, target),
          principal: this.reflector.get<PrincipalKindRequirement>(REQUIRED_PRINCIPAL, target),
        })),
      };
      byHandler.set(handler, known);
    }
    return known;
  }
}
