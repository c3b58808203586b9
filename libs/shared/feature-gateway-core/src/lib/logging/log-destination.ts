import pino from 'pino';

type SonicBoom = ReturnType<typeof pino.destination>;

/** Lines are written in batches of about this many bytes… */
const BATCH_BYTES = 4096;
/** …and no line waits longer than this for its batch to fill: a quiet gateway's lines still appear. */
const FLUSH_AFTER_MS = 100;

const WARN = pino.levels.values['warn'];
const FATAL = pino.levels.values['fatal'];

export interface LogDestinationOptions {
  /** The longest a line waits for its batch; tests make it long to see what does not wait. */
  flushAfterMs?: number;
}

/**
 * Where the gateway's log lines go (stdout by default): written asynchronously, in batches. With the
 * access log on, one `write` per line cost ~20 µs of every request's CPU when blocking, and ~11 µs still
 * as one asynchronous write per line (`bench/ab.mjs`, JWT + limit route with the access log: 93 → 82 µs
 * per request with batches).
 *
 * - An info line (or below) waits for its batch: 4 KB, or 100 ms at most.
 * - A warning or an error does not wait: it goes to the kernel at once with the lines pending before it
 *   (or as soon as the write under way is done). Asynchronously still, so that a slow log reader never
 *   blocks the event loop, and the lines keep their order. What an operator (or a test) looks for after
 *   an incident is on stdout when the incident is. Warnings are few (the noisy ones are rate-limited):
 *   the write they cost (and the empty one after it when nothing else came) is no per-request cost.
 * - A fatal line is written synchronously, with what is pending: pino's `fatal` calls `flushSync` right
 *   after it, and nothing asynchronous is started before that, which a crash could lose.
 * - On exit — `process.exit`, which the SIGTERM shutdown ends with (`exitOnSignals`), or an uncaught
 *   exception — pino's own exit handler for this destination writes what is pending, synchronously
 *   (when the event loop runs dry, its `beforeExit` handler does it asynchronously first): every pending
 *   line is in sonic-boom's buffer, none is kept here. A write already under way then is not redone: a
 *   warning logged microseconds before `process.exit` could be lost. A SIGKILL loses 100 ms at most.
 */
export function logDestination(
  dest: number | string = 1,
  { flushAfterMs = FLUSH_AFTER_MS }: LogDestinationOptions = {},
): LogDestination {
  return new LogDestination(pino.destination({ dest, sync: false, minLength: BATCH_BYTES }), flushAfterMs);
}

/** sonic-boom batching the lines, told which ones must not wait. */
export class LogDestination implements pino.DestinationStream {
  // pino sets `lastLevel` (and the rest) on a destination that asks, before each `write`: the line's
  // level without parsing it, so an info line costs one comparison more. All five are declared here so
  // that pino's stores never change the object's shape.
  readonly [pino.symbols.needsMetadataGsym] = true;
  lastLevel = 0;
  lastMsg = '';
  lastObj: object = {};
  lastTime = '';
  lastLogger: pino.Logger | undefined = undefined;

  private timer: NodeJS.Timeout | undefined;
  /** sonic-boom's `flush` does nothing while a write is under way (or a file is opening): then it waits. */
  private flushWhenIdle = false;

  constructor(
    private readonly out: SonicBoom,
    private readonly flushAfterMs: number,
  ) {
    // The write under way is done, and what is left is under 4 KB: nothing is being written now.
    out.on('drain', () => {
      if (!this.flushWhenIdle) return;
      this.flushWhenIdle = false;
      this.flushNow();
    });
    // A file has opened: what was to go meanwhile goes now. The flag is left for the drain: a descriptor
    // (stdout) is `ready` a tick after it is made, when a write may already be under way.
    out.on('ready', () => {
      if (this.flushWhenIdle) this.flushNow();
    });
    out.once('close', () => clearTimeout(this.timer));
  }

  write(line: string): void {
    this.out.write(line);
    this.timer ??= setTimeout(this.flushPending, this.flushAfterMs).unref();
    if (this.lastLevel >= WARN && this.lastLevel < FATAL) this.flushSoon();
  }

  /** Writes what is pending, synchronously: pino's `fatal` calls it. */
  flushSync(): void {
    this.out.flushSync();
  }

  /** Writes what is pending and closes; resolves once closed. A gateway's destination lives as long as it. */
  end(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.out.once('close', () => resolve()));
    this.out.end();
    return closed;
  }

  private readonly flushPending = (): void => {
    this.timer = undefined;
    this.flushSoon();
  };

  /** Writes what is pending now, or as soon as the write under way is done. */
  private flushSoon(): void {
    this.flushWhenIdle = true;
    this.flushNow();
  }

  private flushNow(): void {
    try {
      this.out.flush();
    } catch {
      // Closed: nothing more can be written.
    }
  }
}
