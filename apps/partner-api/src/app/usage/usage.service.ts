import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { problem, withResponseHeaders } from '@concierge/shared/util-http';
import { USAGE_STORE } from '../plans/partner-stores.module';
import type { UsageReportDto } from './usage.dto';
import { toUsageReportDto } from './usage.mapper';
import { usageDays } from './usage-range';
import type { UsageStore } from './usage.store';

@Injectable()
export class UsageService {
  constructor(@Inject(USAGE_STORE) private readonly usage: UsageStore) {}

  /** One consumer's usage over the range, or every consumer's when `consumer` is left out. */
  async report(from: string | undefined, to: string | undefined, consumer?: string): Promise<UsageReportDto> {
    const range = usageDays(from, to);
    try {
      return toUsageReportDto(range.from, range.to, await this.usage.read(range.days, consumer));
    } catch {
      throw new ServiceUnavailableException(
        withResponseHeaders(
          problem(503, 'Usage cannot be read right now; try again shortly.', { type: 'usage-unavailable' }),
          { 'Retry-After': '5' },
        ),
      );
    }
  }
}
