/**
 * Lets one line per topic through per interval and counts the rest, so a flood of bad credentials is
 * visible in the logs without writing one line per request (which would make the flood a log flood too).
 */
export class RateLimitedLog {
  private readonly topics = new Map<string, { lastAt: number; suppressed: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls `write` with how many earlier lines of `topic` were held back, unless one was written recently. */
  emit(topic: string, write: (suppressed: number) => void): void {
    const now = this.now();
    const state = this.topics.get(topic);
    if (state && now - state.lastAt < this.intervalMs) {
      state.suppressed += 1;
      return;
    }
    // Topics are a small fixed vocabulary (refusal reasons); never attacker-chosen strings.
    this.topics.set(topic, { lastAt: now, suppressed: 0 });
    write(state?.suppressed ?? 0);
  }
}
