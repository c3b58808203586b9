import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
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

/**
 * The resilience policy of one upstream, composed outside in:
 * deadline → bulkhead (slots + queue, full → rejected) → retries (idempotent calls, retryable failures,
 * within the retry budget and the deadline, exponential backoff with jitter) → circuit breaker
 * (consecutive failures open it; open fails fast; after `halfOpenAfterMs` one probe decides) → attempt.
 *
 * Each attempt runs until the call's deadline; a retry is made only if its backoff ends before it.
 *
 * The bulkhead and the breaker are counters here, not cockatiel's policies. Cockatiel's bulkhead lets a
 * queued call that expired while it waited take the freed slot to itself and give it to no one: under
 * overload, with deadlines passing in the queue, the slots went unused while calls queued. And its
 * policies wrap every call in four async layers (`bench/ab.mjs`: 97 → 93 µs per BFF request). The semantics are cockatiel's otherwise
 * (`ConsecutiveBreaker`; a probe whose error is not a breaker failure closes it), and so are the errors.
 */
export class UpstreamPolicy {
  readonly budget: RetryBudget;
  private state: BreakerState = 'closed';
  private openedAt = 0;
  private consecutiveFailures = 0;
  /** While half-open: settles when the probe has decided; other calls wait for it. */
  private probe?: Promise<void>;
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly settings: ResolvedUpstreamSettings,
    private readonly hooks: PolicyHooks = {},
  ) {
    this.budget = new RetryBudget(settings.retry.budgetRatio, settings.retry.minRetriesPerSec);
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

    const run = () => {
      // A call whose deadline passed (or whose caller left) while it queued is not sent.
      if (signal.aborted) return this.release();
      this.attemptCall(attempt, call, signal, 1).then(
        (value) => (this.release(), finish(undefined, value)),
        (error: unknown) => (this.release(), finish(error ?? new Error('upstream call failed'))),
      );
    };
    const { maxConcurrent, maxQueue } = this.settings.bulkhead;
    if (this.active < maxConcurrent) {
      this.active++;
      run();
    } else if (this.queue.length < maxQueue) this.queue.push(run);
    else finish(new BulkheadRejectedError(maxConcurrent, maxQueue));
    return { result, cancel };
  }

  /** A bulkhead slot is free again: the next queued call takes it. */
  private release(): void {
    const next = this.queue.shift();
    if (next) queueMicrotask(next);
    else this.active--;
  }

  /**
   * Attempt `n` through the breaker; a retryable failure of an idempotent call is tried again after a
   * backoff, within the retry budget and the deadline.
   */
  private attemptCall<T>(attempt: Attempt<T>, call: PolicyCall, signal: CallSignal, n: number): Promise<T> {
    if (this.state === 'half-open' && this.probe)
      return this.probe.then(() => this.attemptCall(attempt, call, signal, n));
    if (this.state === 'open') {
      if (Date.now() - this.openedAt < this.settings.breaker.halfOpenAfterMs)
        return Promise.reject(new BrokenCircuitError());
      this.moveTo('half-open');
    }
    let decided: (() => void) | undefined;
    if (this.state === 'half-open') this.probe = new Promise<void>((done) => (decided = done));
    return attempt(signal, n).then(
      (value) => {
        this.judge('success', decided);
        return value;
      },
      (error: unknown) => {
        const reason = asAbortReason(error, signal);
        this.judge(verdictOf(reason), decided);
        return this.retryOrThrow(reason, attempt, call, signal, n);
      },
    );
  }

  private retryOrThrow<T>(
    error: unknown,
    attempt: Attempt<T>,
    call: PolicyCall,
    signal: CallSignal,
    n: number,
  ): Promise<T> {
    const { maxAttempts, baseDelayMs, maxDelayMs } = this.settings.retry;
    if (!call.idempotent || n >= maxAttempts || signal.aborted || !isRetryable(error)) throw error;
    const delay = backoffDelay(n, baseDelayMs, maxDelayMs);
    if (Date.now() + delay >= call.deadline || !this.budget.tryAcquire()) throw error;
    this.hooks.onRetry?.(n, delay, error);
    call.onRetry?.(n, delay, error);
    return sleep(delay, signal).then(() => this.attemptCall(attempt, call, signal, n + 1));
  }

  /**
   * What an attempt tells the breaker. A service that answers 4xx is healthy (the request was wrong), so
   * that counts as a success; only sickness (5xx, timeouts, unreachable) counts as a failure; anything
   * else (a call given up by its caller) says nothing about the service — but ends a probe, closing.
   */
  private judge(verdict: 'success' | 'failure' | 'neutral', probeDecided: (() => void) | undefined): void {
    if (probeDecided) {
      this.probe = undefined;
      if (verdict === 'failure') this.open();
      else this.close();
      probeDecided();
      return;
    }
    if (this.state !== 'closed') return;
    if (verdict === 'success') this.consecutiveFailures = 0;
    else if (verdict === 'failure' && ++this.consecutiveFailures >= this.settings.breaker.consecutiveFailures)
      this.open();
  }

  private open(): void {
    this.openedAt = Date.now();
    this.moveTo('open');
  }

  private close(): void {
    this.consecutiveFailures = 0;
    this.moveTo('closed');
  }

  private moveTo(to: BreakerState): void {
    const from = this.state;
    this.state = to;
    if (from !== to) this.hooks.onBreakerStateChange?.(from, to);
  }
}

/** How an attempt's error counts for the breaker. */
function verdictOf(error: unknown): 'success' | 'failure' | 'neutral' {
  if (failureCodeOf(error) === 'upstream-status') return 'success';
  return isBreakerFailure(error) ? 'failure' : 'neutral';
}

/** An attempt cut short failed because of why it was cut (deadline, cancellation), whatever the transport says. */
function asAbortReason(error: unknown, signal: CallSignal): unknown {
  if (!signal.aborted) return error;
  if (signal.reason === DEADLINE) return new DeadlineExceededError();
  if (signal.reason === CANCELLED) return new CallCancelledError();
  return error;
}
