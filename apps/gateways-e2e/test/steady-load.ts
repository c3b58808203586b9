import { Pool } from 'undici';

/** What one answer (or failure) of a steady load looked like, as the test classifies it. */
export type Verdict = string;

export interface SteadyLoad {
  /** How many answers (or failures) got each verdict. */
  readonly verdicts: ReadonlyMap<Verdict, number>;
  /** Requests not sent because `maxInFlight` were already waiting (a starved machine, not a failure). */
  readonly skipped: number;
  /** Stops sending and resolves once every request sent has been answered or has failed. */
  stop(): Promise<void>;
}

/**
 * `ratePerSecond` GETs of `path` over a few keep-alive connections, sent on a fixed schedule whatever the
 * answers take (a client loop, not a benchmark): each answer is classified by `classify`, each transport
 * failure (reset, refused) as `error <code>`. The test counts outcomes, never latencies, so it holds on
 * a loaded machine; past `maxInFlight` waiting requests a tick is skipped rather than piled up.
 */
export function steadyLoad(
  origin: string,
  path: string,
  classify: (status: number, headers: Record<string, string | string[] | undefined>, body: string) => Verdict,
  { ratePerSecond = 80, connections = 4, maxInFlight = 64 } = {},
): SteadyLoad {
  const pool = new Pool(origin, { connections, keepAliveTimeout: 30_000, pipelining: 1 });
  const verdicts = new Map<Verdict, number>();
  const count = (verdict: Verdict): void => {
    verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
  };
  const pending = new Set<Promise<void>>();
  const started = Date.now();
  let sent = 0;
  let skipped = 0;

  const send = () => {
    const call = pool
      .request({ method: 'GET', path, headersTimeout: 30_000, bodyTimeout: 30_000 })
      .then(async ({ statusCode, headers, body }) => count(classify(statusCode, headers, await body.text())))
      .catch((error: { code?: string }) => count(`error ${error.code ?? String(error)}`))
      .finally(() => pending.delete(call));
    pending.add(call);
  };
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) * ratePerSecond) / 1000);
    while (sent < due) {
      sent++;
      if (pending.size >= maxInFlight) skipped++;
      else send();
    }
  }, 5);

  return {
    verdicts,
    get skipped() {
      return skipped;
    },
    async stop() {
      clearInterval(timer);
      await Promise.all([...pending]);
      await pool.close();
    },
  };
}
