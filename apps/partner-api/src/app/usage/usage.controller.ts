import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@concierge/shared/feature-auth';
import { PartnerAccountOperation } from '../shared/partner-operation.decorator';
import { UsageQueryDto, type UsageReportDto } from './usage.dto';
import { UsageService } from './usage.service';

@ApiTags('usage')
@Controller('v1')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  /**
   * The calling app's own requests by day, operation and status class (refusals included). Not held back
   * by the plan's rate or quota, so a partner can always see where they went.
   */
  @Get('usage')
  @PartnerAccountOperation('2/1s,burst=10')
  mine(@CurrentPrincipal() principal: Principal, @Query() query: UsageQueryDto): Promise<UsageReportDto> {
    return this.usage.report(query.from, query.to, principal.clientId);
  }
}
