import type { IBreaker } from 'cockatiel';

/**
 * Opens once `failures` consecutive commands have failed over at least `minStreakMs`. A Redis that is
 * down or hangs fails command after command for as long as it lasts; a single event-loop stall on a busy
 * machine makes every command in flight time out in the same tick, then the next ones succeed — that burst
 * must not switch shared rate limits to the fail mode for a whole breaker period.
 */
export class PersistentFailureBreaker implements IBreaker {
  state = { streak: 0, since: 0 };

  constructor(
    private readonly failures: number,
    private readonly minStreakMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  success(): void {
    this.state = { streak: 0, since: 0 };
  }

  failure(): boolean {
    const now = this.now();
    if (this.state.streak === 0) this.state = { streak: 0, since: now };
    this.state.streak++;
    return this.state.streak >= this.failures && now - this.state.since >= this.minStreakMs;
  }
}
