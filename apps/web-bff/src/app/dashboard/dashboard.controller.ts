import { Controller, Get } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { CurrentPrincipal, Scopes, type Principal } from '@concierge/shared/feature-auth';
import { CallContext } from '@concierge/shared/feature-gateway-core';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { DashboardService } from './dashboard.service';
import type { DashboardView } from './dashboard.view';

@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  /** The signed-in user's home page: profile, recent orders with their products, recommendations. */
  @Get()
  @Scopes('profile:read', 'orders:read', 'catalog:read')
  show(
    @CurrentPrincipal() principal: Principal,
    @CallContext() context: RequestContext,
  ): Observable<DashboardView> {
    return this.dashboard.dashboardOf(principal.subject, context);
  }
}
