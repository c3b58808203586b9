import { BrokenCircuitError, BulkheadRejectedError } from 'cockatiel';
import { DeadlineExceededError } from '../errors/upstream-failure';
import type { ResolvedUpstreamSettings } from '../service-clients.options';
import { UpstreamStatusError } from '../transport/upstream-exchange';
import { UpstreamPolicy } from './upstream-policy';

/** The breaker and bulkhead are the policy's own counters: their semantics, checked without a network. */
const settings = (overrides: Partial<ResolvedUpstreamSettings> = {}): ResolvedUpstreamSettings => ({
  name: 'catalog',
  baseUrl: 'http://catalog.invalid',
  timeoutMs: 1_000,
  retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, budgetRatio: 0.2, minRetriesPerSec: 1 },
  breaker: { consecutiveFailures: 2, halfOpenAfterMs: 30 },
  bulkhead: { maxConcurrent: 1, maxQueue: 1 },
  ...overrides,
});

const call = (timeoutMs = 1_000) => ({ idempotent: false, deadline: Date.now() + timeoutMs });
const failure = () => new UpstreamStatusError({ status: 503, headers: {}, data: undefined });

/** An attempt the test settles by hand. */
function pending<T>() {
  let settle!: { resolve: (value: T) => void; reject: (error: unknown) => void };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openBreaker(policy: UpstreamPolicy): Promise<void> {
  for (let i = 0; i < 2; i++)
    await policy.execute(() => Promise.reject(failure()), call()).result.catch(() => undefined);
  expect(policy.breakerState).toBe('open');
}

describe('UpstreamPolicy', () => {
  it('opens on consecutive failures and refuses without calling until its half-open time', async () => {
    const policy = new UpstreamPolicy(settings());
    await openBreaker(policy);
    const attempt = jest.fn(() => Promise.resolve('ok'));

    await expect(policy.execute(attempt, call()).result).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(attempt).not.toHaveBeenCalled();
  });

  it('lets one probe through when half-open; the calls that arrive meanwhile wait for it and are served once it succeeds', async () => {
    const changes: string[] = [];
    const policy = new UpstreamPolicy(settings({ bulkhead: { maxConcurrent: 10, maxQueue: 0 } }), {
      onBreakerStateChange: (_from, to) => changes.push(to),
    });
    await openBreaker(policy);
    await sleep(40);
    const probe = pending<string>();
    const sent: string[] = [];

    const first = policy.execute(() => (sent.push('probe'), probe.promise), call());
    const second = policy.execute(() => (sent.push('second'), Promise.resolve('second')), call());
    await sleep(5);
    expect(sent).toEqual(['probe']);
    expect(policy.breakerState).toBe('half-open');

    probe.resolve('probe');
    await expect(first.result).resolves.toBe('probe');
    await expect(second.result).resolves.toBe('second');
    expect(sent).toEqual(['probe', 'second']);
    expect(policy.breakerState).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens when the probe fails: the calls that waited for it are refused without being sent', async () => {
    const policy = new UpstreamPolicy(settings({ bulkhead: { maxConcurrent: 10, maxQueue: 0 } }));
    await openBreaker(policy);
    await sleep(40);
    const probe = pending<string>();
    const waiting = jest.fn(() => Promise.resolve('never'));

    const first = policy.execute(() => probe.promise, call());
    const second = policy.execute(waiting, call());
    probe.reject(failure());

    await expect(first.result).rejects.toBeInstanceOf(UpstreamStatusError);
    await expect(second.result).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(waiting).not.toHaveBeenCalled();
    expect(policy.breakerState).toBe('open');
  });

  it('counts a 4xx as a healthy answer: failures must be consecutive to open it', async () => {
    const policy = new UpstreamPolicy(settings());
    const notFound = new UpstreamStatusError({ status: 404, headers: {}, data: undefined });
    for (const error of [failure(), notFound, failure()])
      await policy.execute(() => Promise.reject(error), call()).result.catch(() => undefined);

    expect(policy.breakerState).toBe('closed');
  });

  it('queues a call while the slot is taken and runs it when the slot frees; a full queue refuses at once', async () => {
    const policy = new UpstreamPolicy(settings());
    const busy = pending<string>();
    const order: string[] = [];

    const first = policy.execute(() => (order.push('first'), busy.promise), call());
    const queued = policy.execute(() => (order.push('queued'), Promise.resolve('queued')), call());
    const refused = policy.execute(() => Promise.resolve('refused'), call());

    await expect(refused.result).rejects.toBeInstanceOf(BulkheadRejectedError);
    expect(order).toEqual(['first']);
    busy.resolve('first');
    await expect(first.result).resolves.toBe('first');
    await expect(queued.result).resolves.toBe('queued');
    expect(order).toEqual(['first', 'queued']);
  });

  it('a queued call that expired while it waited is never sent, and the freed slot goes to the next queued call at once (it sat until its own deadline)', async () => {
    const policy = new UpstreamPolicy(settings({ bulkhead: { maxConcurrent: 1, maxQueue: 2 } }));
    const busy = pending<string>();
    const late = jest.fn(() => Promise.resolve('late'));

    const first = policy.execute(() => busy.promise, call());
    const expired = policy.execute(late, call(20));
    const next = policy.execute(() => Promise.resolve('next'), call());
    await expect(expired.result).rejects.toBeInstanceOf(DeadlineExceededError);
    busy.resolve('first');

    await expect(first.result).resolves.toBe('first');
    await expect(next.result).resolves.toBe('next');
    expect(late).not.toHaveBeenCalled();
  });
});
