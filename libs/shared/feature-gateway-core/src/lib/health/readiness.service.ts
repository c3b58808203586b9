import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/** A check that this process itself can serve (never whether some upstream is up). */
export type ReadinessCheck = () => Promise<boolean> | boolean;

/** How a check counts. */
export interface ReadinessCheckOptions {
  /**
   * Whether a failing check makes the process refuse traffic (`/health/ready` 503). Default true. A check
   * the process can serve without (a fail-open rate-limit Redis, the response cache) passes `false`: its
   * failure is reported as degraded in the body, and the replica stays in its load balancer.
   */
  required?: boolean;
}

/** What the checks said: each one's result, and the names of the failing checks that are not required. */
export interface ReadinessReport {
  results: Record<string, boolean>;
  /** Failing checks that make this process refuse traffic. */
  failing: string[];
  /** Failing checks the process serves without (degraded, still ready). */
  degraded: string[];
}

/**
 * What `/health/ready` asks. Other modules register their own checks (e.g. "Redis answers" when a Redis
 * store is configured); shutdown flips readiness off first so load balancers stop sending traffic.
 */
@Injectable()
export class ReadinessService implements BeforeApplicationShutdown {
  private readonly checks = new Map<string, { check: ReadinessCheck; required: boolean }>();
  private shuttingDown = false;

  register(name: string, check: ReadinessCheck, { required = true }: ReadinessCheckOptions = {}): void {
    this.checks.set(name, { check, required });
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Each check's result; a check that throws counts as failing. */
  async evaluate(): Promise<Record<string, boolean>> {
    return (await this.report()).results;
  }

  /** Each check's result, split into what makes the process unready and what only degrades it. */
  async report(): Promise<ReadinessReport> {
    const results: Record<string, boolean> = { config: true, accepting: !this.shuttingDown };
    const failing = this.shuttingDown ? ['accepting'] : [];
    const degraded: string[] = [];
    await Promise.all(
      [...this.checks].map(async ([name, { check, required }]) => {
        const up = await Promise.resolve()
          .then(check)
          .then(Boolean)
          .catch(() => false);
        results[name] = up;
        if (!up) (required ? failing : degraded).push(name);
      }),
    );
    return { results, failing: failing.sort(), degraded: degraded.sort() };
  }
}
