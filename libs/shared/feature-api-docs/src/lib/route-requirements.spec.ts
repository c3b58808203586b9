import { Controller, Get, Post } from '@nestjs/common';
import { PrincipalKind, Public, Roles, Scopes } from '@concierge/shared/feature-auth';
import { SkipRateLimit } from '@concierge/shared/feature-rate-limit';
import { routeRequirementsOf } from './route-requirements';

@Controller('orders')
@Scopes('orders:read')
class OrdersController {
  @Get()
  list(): void {
    return undefined;
  }

  @Post()
  @Scopes('orders:write')
  @Roles('customer', 'admin')
  @PrincipalKind('user')
  create(): void {
    return undefined;
  }

  helper(): void {
    return undefined;
  }
}

@Public()
@SkipRateLimit()
@Controller('status')
class StatusController {
  @Get()
  show(): void {
    return undefined;
  }
}

describe(routeRequirementsOf.name, () => {
  const sut = routeRequirementsOf([OrdersController, StatusController]);

  it('keys route handlers by the operation id of the document, leaving other methods out', () => {
    expect([...sut.keys()].sort()).toEqual([
      'OrdersController_create',
      'OrdersController_list',
      'StatusController_show',
    ]);
  });

  it("reads what the auth guard reads: the controller's and the handler's scopes, roles and principal kind", () => {
    expect(sut.get('OrdersController_list')).toEqual({
      public: false,
      scopes: ['orders:read'],
      roles: [],
      principal: 'any',
      unlimited: false,
    });
    expect(sut.get('OrdersController_create')).toEqual({
      public: false,
      scopes: ['orders:write', 'orders:read'],
      roles: ['customer', 'admin'],
      principal: 'user',
      unlimited: false,
    });
  });

  it('sees @Public() and @SkipRateLimit() on a controller', () => {
    expect(sut.get('StatusController_show')).toMatchObject({ public: true, unlimited: true });
  });
});
