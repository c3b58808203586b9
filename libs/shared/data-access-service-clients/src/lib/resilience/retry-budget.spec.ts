import { RetryBudget } from './retry-budget';

describe(RetryBudget.name, () => {
  let now: number;
  const clock = () => now;

  beforeEach(() => (now = 1_000_000));

  it('allows retries up to the ratio of calls plus the floor over the window', () => {
    const sut = new RetryBudget(0.2, 0.1, 10, clock); // floor: 1 retry per 10 s
    for (let i = 0; i < 50; i++) sut.recordCall();

    let granted = 0;
    while (sut.tryAcquire()) granted++;

    expect(granted).toBe(11); // 0.2 × 50 + 1
  });

  it('forgets calls and retries older than the window', () => {
    const sut = new RetryBudget(0.2, 0, 10, clock);
    for (let i = 0; i < 10; i++) sut.recordCall();
    expect(sut.tryAcquire()).toBe(true);
    expect(sut.tryAcquire()).toBe(true);
    expect(sut.tryAcquire()).toBe(false);

    now += 11_000;

    expect(sut.tryAcquire()).toBe(false); // no calls in the window: nothing to retry against
    sut.recordCall();
    sut.recordCall();
    sut.recordCall();
    sut.recordCall();
    sut.recordCall();
    expect(sut.tryAcquire()).toBe(true);
  });
});
