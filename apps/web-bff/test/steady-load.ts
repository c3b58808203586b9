/** One answer of a steady load: when it was sent (ms since the load started), how long it took, what it was. */
export interface LoadSample {
  sentAt: number;
  ms: number;
  /** 0 when no answer came (connection refused or reset, or no answer within the client's 5 s). */
  status: number;
  /** Whether a rate-limit decision came from the store (`RateLimit` header) rather than the fail mode. */
  decided: boolean;
  /** problem+json with `Retry-After`, as every 503 of the gateway must be. */
  problemWithRetryAfter: boolean;
}

/**
 * An open-loop client: one request every `everyMs` whatever the answers take (so a slow gateway meets the
 * same arrival rate, as behind a load balancer), each built by `request(i)`; `stop()` waits for the
 * requests still in flight and returns every sample.
 */
export class SteadyLoad {
  private readonly samples: LoadSample[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private started = 0;
  private sent = 0;

  constructor(
    private readonly everyMs: number,
    private readonly request: (i: number) => { url: string; headers?: Record<string, string> },
  ) {}

  start(): void {
    this.started = performance.now();
    this.timer = setInterval(() => this.send(), this.everyMs);
    // A test that fails before stop() must not leave jest waiting on the timer forever.
    this.timer.unref();
  }

  /** Milliseconds since `start()`, on the samples' clock. */
  now(): number {
    return performance.now() - this.started;
  }

  /** The answers so far, in the order they arrived. */
  answered(): readonly LoadSample[] {
    return this.samples;
  }

  async stop(): Promise<LoadSample[]> {
    clearInterval(this.timer);
    await Promise.all([...this.inFlight]);
    return [...this.samples].sort((a, b) => a.sentAt - b.sentAt);
  }

  private send(): void {
    const { url, headers } = this.request(this.sent++);
    const sentAt = this.now();
    const done = fetch(url, { headers, signal: AbortSignal.timeout(5_000) })
      .then(async (response) => {
        await response.arrayBuffer();
        return {
          status: response.status,
          decided: response.headers.has('ratelimit'),
          problemWithRetryAfter:
            /^application\/problem\+json/.test(response.headers.get('content-type') ?? '') &&
            Number(response.headers.get('retry-after')) > 0,
        };
      })
      .catch(() => ({ status: 0, decided: false, problemWithRetryAfter: false }))
      .then((outcome) => {
        this.samples.push({ sentAt, ms: this.now() - sentAt, ...outcome });
      });
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }
}
