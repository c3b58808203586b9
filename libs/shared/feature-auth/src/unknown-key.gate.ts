import {
  BrokenCircuitError,
  BulkheadRejectedError,
  ConsecutiveBreaker,
  IsolatedCircuitError,
  bulkhead,
  circuitBreaker,
  handleAll,
  wrap,
} from 'cockatiel';
import { FailedAttemptLimiter, type FailedAttemptPolicy } from './failed-attempt.limiter';

/** A client used up its failed attempts: refused before anything is asked upstream. */
export class TooManyFailedAttemptsError extends Error {
  override name = 'TooManyFailedAttemptsError';

  constructor(readonly retryAfterSec: number) {
    super(`too many failed attempts; retry in ${retryAfterSec} s`);
  }
}

/** The lane for unknown credentials is full or its breaker is open: the credential cannot be checked now. */
export class UnknownKeyLaneBusyError extends Error {
  override name = 'UnknownKeyLaneBusyError';
}

export interface UnknownKeyGateOptions {
  attempts: FailedAttemptPolicy;
  /** Checks of unknown credentials in flight at once, and waiting for a slot. */
  concurrency: number;
  queue: number;
  /** Consecutive failures to ask that open the lane's breaker, and how long it stays open. */
  breakerFailures: number;
  breakerHalfOpenAfterMs: number;
}

/**
 * Everything a check of a never-seen credential must pass before it may cost an upstream call: the
 * client's failed-attempt budget, then a bulkhead and a breaker of its own. So guessing is bounded per
 * client, and however many guesses arrive, they can neither queue ahead of nor trip the breaker of the
 * checks that genuine, already-known credentials make.
 */
export class UnknownKeyGate {
  private readonly limiter: FailedAttemptLimiter;
  private readonly lane;

  constructor(options: UnknownKeyGateOptions) {
    this.limiter = new FailedAttemptLimiter(options.attempts);
    const breaker = circuitBreaker(handleAll, {
      halfOpenAfter: options.breakerHalfOpenAfterMs,
      breaker: new ConsecutiveBreaker(options.breakerFailures),
    });
    this.lane = wrap(bulkhead(options.concurrency, options.queue), breaker);
  }

  /**
   * Runs `ask` for `client` if its budget allows; a valid answer gives the attempt back. Throws
   * `TooManyFailedAttemptsError` or `UnknownKeyLaneBusyError` without calling `ask`, or what `ask` threw.
   */
  async check<T extends { valid: boolean }>(client: string, ask: () => Promise<T>): Promise<T> {
    const taken = this.limiter.take(client);
    if (!taken.allowed) throw new TooManyFailedAttemptsError(taken.retryAfterSec);
    let answer: T;
    try {
      answer = await this.lane.execute(() => ask());
    } catch (err) {
      // Not a verdict on the credential: the attempt is not counted against the client.
      this.limiter.giveBack(client);
      if (
        err instanceof BulkheadRejectedError ||
        err instanceof BrokenCircuitError ||
        err instanceof IsolatedCircuitError
      ) {
        throw new UnknownKeyLaneBusyError(err.message);
      }
      throw err;
    }
    if (answer.valid) this.limiter.giveBack(client);
    return answer;
  }
}
