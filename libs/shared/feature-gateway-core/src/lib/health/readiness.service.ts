import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';

/** A check that this process itself can serve (never whether some upstream is up). */
export type ReadinessCheck = () => Promise<boolean> | boolean;

/**
 * What `/health/ready` asks. Other modules register their own checks (e.g. "Redis answers" when a Redis
 * store is configured); shutdown flips readiness off first so load balancers stop sending traffic.
 */
@Injectable()
export class ReadinessService implements BeforeApplicationShutdown {
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Each check's result; a check that throws counts as not ready. */
  async evaluate(): Promise<Record<string, boolean>> {
    const results: Record<string, boolean> = { config: true, accepting: !this.shuttingDown };
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        results[name] = await Promise.resolve()
          .then(check)
          .catch(() => false);
      }),
    );
    return results;
  }
}
