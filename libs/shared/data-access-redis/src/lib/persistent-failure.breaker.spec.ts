import { PersistentFailureBreaker } from './persistent-failure.breaker';

describe(PersistentFailureBreaker.name, () => {
  let clock = 0;
  const sut = () => new PersistentFailureBreaker(3, 500, () => clock);
  beforeEach(() => (clock = 1_000));

  it('opens on failures that go on for the minimum streak', () => {
    const breaker = sut();
    expect(breaker.failure()).toBe(false);
    clock += 250;
    expect(breaker.failure()).toBe(false);
    clock += 250;
    expect(breaker.failure()).toBe(true);
  });

  it('stays closed for a burst of failures in one instant (a stalled event loop), however many', () => {
    const breaker = sut();
    for (let i = 0; i < 50; i++) expect(breaker.failure()).toBe(false);
  });

  it('starts over after a success', () => {
    const breaker = sut();
    breaker.failure();
    clock += 600;
    breaker.failure();
    breaker.success();
    clock += 600;
    expect(breaker.failure()).toBe(false);
    expect(breaker.failure()).toBe(false);
    clock += 500;
    expect(breaker.failure()).toBe(true);
  });
});
