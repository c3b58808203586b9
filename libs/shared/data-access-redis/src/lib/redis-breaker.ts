import { circuitBreaker, handleAll, CircuitState, type CircuitBreakerPolicy } from 'cockatiel';
import { PersistentFailureBreaker } from './persistent-failure.breaker';

/** A Redis command was not sent (breaker open, not connected) or got no answer in time. */
export class RedisUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = RedisUnavailableError.name;
  }
}

/**
 * A breaker in front of one Redis connection: after `failures` consecutive failed commands spanning at
 * least `minStreakMs` it fails every command at once for `halfOpenMs`, then lets one through to try. While Redis hangs (a node that accepts
 * connections but does not answer: overloaded, paused, half-partitioned), each command would otherwise
 * wait the whole command timeout; with the breaker open a request pays nothing for a store it cannot use.
 */
export class RedisBreaker {
  private readonly policy: CircuitBreakerPolicy;

  constructor(failures: number, halfOpenMs: number, minStreakMs = 0) {
    this.policy = circuitBreaker(handleAll, {
      halfOpenAfter: halfOpenMs,
      breaker: new PersistentFailureBreaker(failures, minStreakMs),
    });
  }

  /** Whether commands are being failed without being sent. */
  get open(): boolean {
    return this.policy.state === CircuitState.Open || this.policy.state === CircuitState.Isolated;
  }

  /** Called when the breaker opens (true) or closes again (false). */
  onChange(listener: (open: boolean) => void): void {
    this.policy.onBreak(() => listener(true));
    this.policy.onReset(() => listener(false));
  }

  /** Runs `command` unless the breaker is open; its failure (or the open breaker) is a `RedisUnavailableError`. */
  async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(command);
    } catch (error) {
      if (error instanceof RedisUnavailableError) throw error;
      throw new RedisUnavailableError((error as Error).message ?? String(error), { cause: error });
    }
  }
}
