import { Controller, Get, HttpException, Inject, Optional } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { problem } from '@concierge/shared/util-http';
import { Public } from '@concierge/shared/feature-auth';
import { SkipRateLimit } from '@concierge/shared/feature-rate-limit';
import { ReadinessService } from './readiness.service';
import { UPSTREAM_STATUS_SOURCE, type UpstreamStatus, type UpstreamStatusSource } from './upstream-status';

/** Probes of load balancers and orchestrators: never authenticated, never rate limited. */
@Public()
@SkipRateLimit()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly readiness: ReadinessService,
    @Optional() @Inject(UPSTREAM_STATUS_SOURCE) private readonly upstreams?: UpstreamStatusSource,
  ) {}

  /** The process is alive (the event loop turns). */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** This process can serve: config loaded, its own stores reachable, not shutting down. */
  @Get('ready')
  async ready(): Promise<HealthCheckResult> {
    const results = await this.readiness.evaluate();
    const checks = Object.entries(results).map(
      ([name, up]) =>
        () =>
          up ? this.indicator.check(name).up() : this.indicator.check(name).down(),
    );
    try {
      return await this.health.check(checks);
    } catch {
      const failing = Object.keys(results).filter((name) => !results[name]);
      throw new HttpException(problem(503, `Not ready: ${failing.join(', ')}.`, { checks: results }), 503);
    }
  }

  /** What this gateway knows of its upstreams and their circuit breakers (informational, always 200). */
  @Get('upstreams')
  listUpstreams(): { upstreams: UpstreamStatus[] } {
    return { upstreams: this.upstreams?.list() ?? [] };
  }
}
