/**
 * A retry budget (as in Finagle and gRPC): over a sliding window, retries may be at most `ratio` of the
 * calls plus a small floor. In an outage every call fails, the budget runs dry after a few retries and
 * the load on the sick service stays near 1 + ratio times the offered load instead of `maxAttempts` times.
 */
export class RetryBudget {
  private readonly calls: number[];
  private readonly retries: number[];
  private readonly stamps: number[];

  /**
   * @param ratio retries allowed per call over the window (0.2 = 20 %)
   * @param minPerSecond retries always allowed per second of the window
   * @param windowSeconds length of the sliding window, in one-second buckets
   * @param now clock, replaceable in tests
   */
  constructor(
    private readonly ratio: number,
    private readonly minPerSecond: number,
    private readonly windowSeconds = 10,
    private readonly now: () => number = Date.now,
  ) {
    this.calls = new Array<number>(windowSeconds).fill(0);
    this.retries = new Array<number>(windowSeconds).fill(0);
    this.stamps = new Array<number>(windowSeconds).fill(-1);
  }

  /** Counts one call (its first attempt). */
  recordCall(): void {
    this.calls[this.bucket()]++;
  }

  /** True, and counted, when one more retry fits in the budget. */
  tryAcquire(): boolean {
    const current = this.bucket();
    const oldest = this.stamps[current] - this.windowSeconds;
    let calls = 0;
    let retries = 0;
    for (let i = 0; i < this.windowSeconds; i++) {
      if (this.stamps[i] > oldest) {
        calls += this.calls[i];
        retries += this.retries[i];
      }
    }
    if (retries + 1 > this.minPerSecond * this.windowSeconds + this.ratio * calls) return false;
    this.retries[current]++;
    return true;
  }

  private bucket(): number {
    const second = Math.floor(this.now() / 1000);
    const index = second % this.windowSeconds;
    if (this.stamps[index] !== second) {
      this.stamps[index] = second;
      this.calls[index] = 0;
      this.retries[index] = 0;
    }
    return index;
  }
}
