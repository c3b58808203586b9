import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@concierge/shared/feature-auth';
import { SkipRateLimit } from '@concierge/shared/feature-rate-limit';
import { register } from 'prom-client';

/** Prometheus scrapes here: never authenticated, never rate limited, never cached. */
@Public()
@SkipRateLimit()
@Controller('metrics')
export class MetricsController {
  /** Every metric of the process in the Prometheus text format. */
  @Get()
  @Header('content-type', register.contentType)
  @Header('cache-control', 'no-store')
  metrics(): Promise<string> {
    return register.metrics();
  }
}
