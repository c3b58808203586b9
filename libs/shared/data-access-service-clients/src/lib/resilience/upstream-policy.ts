import {
  BulkheadPolicy,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  bulkhead,
  circuitBreaker,
  handleWhen,
} from 'cockatiel';
import {
  CallCancelledError,
  DeadlineExceededError,
  failureCodeOf,
  isBreakerFailure,
  isRetryable,
} from '../errors/upstream-failure';
import { ResolvedUpstreamSettings } from '../service-clients.options';
import { backoffDelay, sleep } from './backoff';
import { CallSignal } from './call-signal';
import { RetryBudget } from './retry-budget';

/** The states `/health/upstreams` reports. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** What one call asks of the policy. */
export interface PolicyCall {
  /** Safe to send again: GET/HEAD, or a write carrying `Idempotency-Key` (and a replayable body). */
  idempotent: boolean;
  /** Epoch ms after which the call has failed with a timeout, wherever it is (queued, waiting, sending). */
  deadline: number;
  /** Aborts when the caller stops waiting. */
  signal?: AbortSignal;
  /** Told before each retry of this call. */
  onRetry?(retry: number, delayMs: number, error: unknown): void;
}

/** Listeners the policy reports to (metrics and tracing subscribe through the events seam). */
export interface PolicyHooks {
  onRetry?(retry: number, delayMs: number, error: unknown): void;
  onBreakerStateChange?(from: BreakerState, to: BreakerState): void;
}

/** A call under way. */
export interface PolicyRun<T> {
  result: Promise<T>;
  /** Gives the call up; no effect once it has settled. */
  cancel(): void;
}

const noop = () => undefined;

/** One attempt: sends with `signal` (aborted at the deadline) and resolves with the answer. */
export type Attempt<T> = (signal: CallSignal, attempt: number) => Promise<T>;

const DEADLINE = Symbol('deadline');
const CANCELLED = Symbol('cancelled');

function toBreakerState(state: CircuitState): BreakerState {
  if (state === CircuitState.Closed) return 'closed';
  if (state === CircuitState.HalfOpen) return 'half-open';
  return 'open';
}

/**
 * The resilience policy of one upstream, composed outside in:
 * deadline → bulkhead (slots + queue, full → rejected) → retries (idempotent calls, retryable failures,
 * within the retry budget and the deadline, exponential backoff with jitter) → circuit breaker
 * (consecutive failures open it; open fails fast; after `halfOpenAfterMs` one probe decides) → attempt.
 *
 * Each attempt runs until the call's deadline; a retry is made only if its backoff ends before it.
 */
export class UpstreamPolicy {
  readonly breaker: CircuitBreakerPolicy;
  readonly bulkhead: BulkheadPolicy;
  readonly budget: RetryBudget;
  private state: BreakerState = 'closed';
  private openedAt = 0;

  constructor(
    private readonly settings: ResolvedUpstreamSettings,
    private readonly hooks: PolicyHooks = {},
  ) {
    this.bulkhead = bulkhead(settings.bulkhead.maxConcurrent, settings.bulkhead.maxQueue);
    this.breaker = circuitBreaker(handleWhen(isBreakerFailure), {
      halfOpenAfter: settings.breaker.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.breaker.consecutiveFailures),
    });
    this.budget = new RetryBudget(settings.retry.budgetRatio, settings.retry.minRetriesPerSec);
    this.breaker.onStateChange((next) => {
      const to = toBreakerState(next);
      if (to === 'open') this.openedAt = Date.now();
      const from = this.state;
      this.state = to;
      if (from !== to) this.hooks.onBreakerStateChange?.(from, to);
    });
  }

  /** The breaker's state as `/health/upstreams` shows it. */
  get breakerState(): BreakerState {
    return this.state;
  }

  /** Whole seconds until an open breaker lets a probe through (at least 1). */
  retryAfterSeconds(): number {
    const left = this.openedAt + this.settings.breaker.halfOpenAfterMs - Date.now();
    return Math.max(1, Math.ceil(left / 1000));
  }

  /**
   * Runs `attempt` under the policy. `result` rejects with the last attempt's error or a policy error;
   * `cancel()` gives the call up (it rejects with a cancellation, the request in flight is aborted).
   */
  execute<T>(attempt: Attempt<T>, call: PolicyCall): PolicyRun<T> {
    const remaining = call.deadline - Date.now();
    if (remaining <= 0) return { result: Promise.reject(new DeadlineExceededError()), cancel: noop };
    if (call.signal?.aborted) return { result: Promise.reject(new CallCancelledError()), cancel: noop };
    this.budget.recordCall();

    const signal = new CallSignal();
    let settled = false;
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const result = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const finish = (error: unknown, value?: T) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', cancel);
      if (error === undefined) resolve(value as T);
      else reject(error);
    };
    const timer = setTimeout(() => {
      signal.abort(DEADLINE);
      finish(new DeadlineExceededError());
    }, remaining);
    const cancel = () => {
      if (settled) return;
      signal.abort(CANCELLED);
      finish(new CallCancelledError());
    };
    call.signal?.addEventListener('abort', cancel, { once: true });

    this.bulkhead
      .execute(() => this.withRetries(attempt, call, signal), signal.asAbortSignal())
      .then(
        (value) => finish(undefined, value),
        (error: unknown) => finish(error ?? new Error('upstream call failed')),
      );
    return { result, cancel };
  }

  /**
   * What an attempt tells the breaker. A service that answers 4xx is healthy (the request was wrong), so
   * the answer counts as a success and is handed on after the breaker; a call given up by its caller says
   * nothing about the service and is not counted either way; only sickness (5xx, timeouts, unreachable)
   * counts as a failure.
   */
  private async judged<T>(
    attempt: Promise<T>,
    signal: CallSignal,
  ): Promise<{ value: T } | { answer: unknown }> {
    try {
      return { value: await attempt };
    } catch (error) {
      const reason = asAbortReason(error, signal);
      if (failureCodeOf(reason) === 'upstream-status') return { answer: reason };
      throw reason;
    }
  }

  private async withRetries<T>(attempt: Attempt<T>, call: PolicyCall, signal: CallSignal): Promise<T> {
    const { maxAttempts, baseDelayMs, maxDelayMs } = this.settings.retry;
    for (let n = 1; ; n++) {
      try {
        const outcome = await this.breaker.execute(
          () => this.judged(attempt(signal, n), signal),
          signal.asAbortSignal(),
        );
        if ('answer' in outcome) throw outcome.answer;
        return outcome.value;
      } catch (error) {
        if (!call.idempotent || n >= maxAttempts || signal.aborted || !isRetryable(error)) throw error;
        const delay = backoffDelay(n, baseDelayMs, maxDelayMs);
        if (Date.now() + delay >= call.deadline || !this.budget.tryAcquire()) throw error;
        this.hooks.onRetry?.(n, delay, error);
        call.onRetry?.(n, delay, error);
        await sleep(delay, signal);
      }
    }
  }
}

/** An attempt cut short failed because of why it was cut (deadline, cancellation), whatever the transport says. */
function asAbortReason(error: unknown, signal: CallSignal): unknown {
  if (!signal.aborted) return error;
  if (signal.reason === DEADLINE) return new DeadlineExceededError();
  if (signal.reason === CANCELLED) return new CallCancelledError();
  return error;
}
