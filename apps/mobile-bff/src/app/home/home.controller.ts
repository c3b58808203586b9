import { Controller, Get } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { Authenticated, CurrentPrincipal, type Principal } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { HomeService } from './home.service';
import type { HomeView } from './home.view';

@Controller('api/home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /** The signed-in user's home screen: first name and avatar, last orders, recommendations. */
  @Get()
  @Authenticated({ scopes: ['profile:read', 'orders:read', 'catalog:read'], principal: 'user' })
  show(
    @CurrentPrincipal() principal: Principal,
    @CallContext() context: RequestContext,
  ): Observable<HomeView> {
    return this.home.homeOf(principal.subject, context);
  }
}
