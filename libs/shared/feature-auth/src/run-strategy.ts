/** What a passport strategy concluded. */
export type StrategyOutcome<T> = { ok: true; user: T } | { ok: false; reason: unknown };

interface PassportStrategyLike {
  authenticate(request: unknown, options?: unknown): unknown;
}

/**
 * Runs a passport strategy on a request-like object (anything with `headers`) and resolves with its
 * verdict, the way passport does internally: a per-call object whose prototype is the strategy gets the
 * `success`/`fail`/`error` actions. No Express, no passport middleware: works for Fastify and raw headers.
 */
export function runStrategy<T>(strategy: PassportStrategyLike, request: object): Promise<StrategyOutcome<T>> {
  return new Promise((resolve, reject) => {
    const call = Object.create(strategy) as Record<string, unknown> & PassportStrategyLike;
    call['success'] = (user: T) => resolve({ ok: true, user });
    call['fail'] = (reason: unknown) => resolve({ ok: false, reason });
    call['pass'] = () => resolve({ ok: false, reason: undefined });
    call['error'] = (err: unknown) => reject(err);
    call['redirect'] = () => reject(new Error('unexpected redirect from an API authentication strategy'));
    try {
      call.authenticate(request, { session: false });
    } catch (err) {
      reject(err);
    }
  });
}
