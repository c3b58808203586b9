import { Controller, Get, HttpException } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse } from '@nestjs/swagger';
import { problem } from '@concierge/shared/util-http';
import { Public } from '@concierge/shared/feature-auth';
import { SkipRateLimit } from '@concierge/shared/feature-rate-limit';
import { CheckState, LiveAnswer, ReadyAnswer } from './health-answers.dto';
import { ReadinessService } from './readiness.service';

/**
 * Probes of load balancers and orchestrators: never authenticated, never rate limited. The upstreams'
 * states are an operator's concern and live on the admin listener (`/health/upstreams`), not here.
 */
@Public()
@SkipRateLimit()
@Controller('health')
@ApiExtraModels(CheckState)
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** The process is alive (the event loop turns). */
  @Get('live')
  @ApiOkResponse({ type: LiveAnswer, description: 'Alive.' })
  live(): LiveAnswer {
    return { status: 'ok' };
  }

  /**
   * This process can serve: config loaded, the stores it cannot serve without reachable, not shutting
   * down. 200 with `status: degraded` when only something it serves without is failing.
   */
  @Get('ready')
  @ApiOkResponse({ type: ReadyAnswer, description: 'Ready (`degraded` names what it serves without).' })
  async ready(): Promise<ReadyAnswer> {
    const { results, failing, degraded } = await this.readiness.report();
    const details = Object.fromEntries(
      Object.entries(results).map(([name, up]) => [
        name,
        { status: up ? ('up' as const) : ('down' as const) },
      ]),
    );
    if (failing.length > 0) {
      throw new HttpException(
        problem(503, `Not ready: ${failing.join(', ')}.`, { checks: results, details, degraded }),
        503,
      );
    }
    return { status: degraded.length ? 'degraded' : 'ok', details, degraded };
  }
}
