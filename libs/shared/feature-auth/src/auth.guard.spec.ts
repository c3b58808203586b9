import { HttpException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { attachRequestContext } from '@concierge/shared/util-request-context';
import { AuthGuard } from './auth.guard';
import { Authenticated } from './authenticated.decorator';
import type { Authenticator } from './authenticator.service';
import { principalFromClaims, type Principal } from './principal';
import { Public } from './public.decorator';
import { Roles } from './roles.decorator';
import { Scopes } from './scopes.decorator';

@Scopes('orders:read')
class OrdersController {
  list(): string {
    return 'list';
  }
  @Scopes('orders:write')
  create(): string {
    return 'create';
  }
  @Public()
  health(): string {
    return 'health';
  }
  @Roles('admin', 'support')
  audit(): string {
    return 'audit';
  }
  @Authenticated({ principal: 'device' })
  telemetry(): string {
    return 'telemetry';
  }
}

/** The same handler functions, asked more of by the subclass: what the guard learns of one is not the other's. */
@Scopes('orders:write')
class OrderWritersController extends OrdersController {}

describe(AuthGuard.name, () => {
  let principal: Principal;
  const authenticate = jest.fn(async () => principal);
  const sut = new AuthGuard(new Reflector(), { authenticate, realm: 'unit' } as unknown as Authenticator);
  const request: { headers: Record<string, string>; user?: unknown } = {
    headers: { authorization: 'Bearer t' },
  };
  const requestContext = { requestId: 'r-1', identity: {} };
  attachRequestContext(request, requestContext);
  const contextFor = (
    handler: keyof OrdersController,
    controller: typeof OrdersController = OrdersController,
  ): ExecutionContext =>
    ({
      getType: () => 'http',
      getHandler: () => controller.prototype[handler],
      getClass: () => controller,
      switchToHttp: () => ({ getRequest: () => request }),
    }) as unknown as ExecutionContext;
  const statusOf = (handler: keyof OrdersController, controller?: typeof OrdersController) =>
    sut.canActivate(contextFor(handler, controller)).then(
      () => 200,
      (err: HttpException) => err.getStatus(),
    );

  beforeEach(() => {
    authenticate.mockClear();
    principal = principalFromClaims({ sub: 'u1', scope: 'orders:read', roles: ['customer'] });
  });

  it('lets a public route through without authenticating', async () => {
    expect(await statusOf('health')).toBe(200);
    expect(authenticate).not.toHaveBeenCalled();
  });

  it("authenticates, filling the request context's identity, and puts the principal on the request", async () => {
    expect(await statusOf('list')).toBe(200);
    expect(authenticate).toHaveBeenCalledWith(request.headers, { address: undefined }, requestContext);
    expect(request.user).toBe(principal);
  });

  it("asks an inherited handler for its own controller's scopes, though the same handler was let through under the parent", async () => {
    expect(await statusOf('list')).toBe(200);
    expect(await statusOf('list', OrderWritersController)).toBe(403);
    principal = principalFromClaims({ sub: 'u1', scope: 'orders:write' });
    expect(await statusOf('list', OrderWritersController)).toBe(200);
  });

  it("keeps the controller's scopes when a handler adds its own", async () => {
    expect(await statusOf('create')).toBe(403);
    principal = principalFromClaims({ sub: 'u1', scope: 'orders:write' });
    expect(await statusOf('create')).toBe(403);
    principal = principalFromClaims({ sub: 'u1', scope: 'orders:read orders:write' });
    expect(await statusOf('create')).toBe(200);
  });

  it('needs one of the listed roles', async () => {
    expect(await statusOf('audit')).toBe(403);
    principal = principalFromClaims({ sub: 'u1', scope: 'orders:read', roles: ['support'] });
    expect(await statusOf('audit')).toBe(200);
  });

  it('keeps people off device-only routes', async () => {
    expect(await statusOf('telemetry')).toBe(403);
    principal = principalFromClaims({ sub: 'c', device_id: 'd1', roles: ['device'], scope: 'orders:read' });
    expect(await statusOf('telemetry')).toBe(200);
  });

  it('passes on the 401 of a failed authentication', async () => {
    authenticate.mockRejectedValueOnce(new HttpException('unauthorized', 401));
    expect(await statusOf('list')).toBe(401);
  });
});
