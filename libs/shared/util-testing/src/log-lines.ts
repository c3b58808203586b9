/** One JSON log line of a gateway: pino's fields, and whatever else the line carries. */
export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface LogLineWait {
  /** Only lines at this index of `all` or later count (e.g. `all.length` before an action). */
  from?: number;
  /** How long to wait before failing; default 5 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * A spawned gateway's log lines as they arrive on its stdout: pass `collect` as `spawnApp`'s
 * `onStdoutLine`. A gateway writes its info lines in batches (up to 100 ms late), so a test that expects a
 * line waits for it with `line` or `lines` instead of reading what has arrived so far. Lines come in the
 * order they were logged, so once a line has arrived, every line logged before it has too.
 */
export class LogLines {
  private readonly received: LogLine[] = [];
  /** What came on stdout but was not a whole JSON line (a torn or interleaved write would land here). */
  readonly unparsed: string[] = [];
  private readonly waiters = new Set<() => void>();

  /** For `onStdoutLine`. */
  readonly collect = (line: string): void => {
    try {
      this.received.push(JSON.parse(line) as LogLine);
    } catch {
      this.unparsed.push(line);
      return;
    }
    for (const wake of this.waiters) wake();
  };

  /** Every line so far, in order. */
  get all(): readonly LogLine[] {
    return this.received;
  }

  /** The first line (from `from` on) that `matches`, once it has arrived; rejects after `timeoutMs`. */
  async line(matches: (line: LogLine) => boolean, wait: LogLineWait = {}): Promise<LogLine> {
    return (await this.lines(matches, 1, wait))[0];
  }

  /**
   * The lines (from `from` on) that `matches`, once at least `count` of them have arrived: all of them, so
   * a test can still see one too many. Rejects after `timeoutMs`, saying what it waited for.
   */
  lines(
    matches: (line: LogLine) => boolean,
    count: number,
    { from = 0, timeoutMs = DEFAULT_TIMEOUT_MS }: LogLineWait = {},
  ): Promise<LogLine[]> {
    const found: LogLine[] = [];
    let scanned = from;
    const scan = () => {
      for (; scanned < this.received.length; scanned++)
        if (matches(this.received[scanned])) found.push(this.received[scanned]);
      return found.length >= count;
    };
    if (scan()) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const wake = () => {
        if (!scan()) return;
        this.waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        const last = this.received.slice(-5).map((line) => JSON.stringify(line));
        reject(
          new Error(
            `${found.length} of ${count} log line(s) matching ${matches.toString()} within ${timeoutMs} ms; ` +
              `the last lines:\n${last.join('\n') || '(none)'}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }
}
