/** Where a browser app sends the user to sign in (again). */
export const LOGIN_PATH = '/bff/login';

/** A request the session layer refuses, rendered as problem+json with this status. */
export class SessionError extends Error {
  override readonly name = 'SessionError';

  constructor(
    readonly status: 400 | 401 | 403 | 503,
    readonly detail: string,
    /** Set on 401s: the session is gone, sign in again here. */
    readonly login?: string,
    /** Sent as `Retry-After` (seconds); every 503 carries one. */
    readonly retryAfterSec: number | undefined = status === 503 ? 1 : undefined,
  ) {
    super(detail);
  }
}

export const sessionEnded = () => new SessionError(401, 'The session has ended; sign in again.', LOGIN_PATH);

/** The session store (Redis) could not be asked: not connected, no answer within its deadline, breaker open. */
export class SessionStoreUnavailableError extends Error {
  override readonly name = 'SessionStoreUnavailableError';
}

/**
 * What a request meets while sessions cannot be read: 503 with `Retry-After`, never a 401 (the session is
 * not at fault and its cookie stays). Bearer-token requests never ask the store, so they are not affected.
 */
const sessionStoreUnavailable = () =>
  new SessionError(503, 'Sessions cannot be read right now; try again shortly.', undefined, 1);

/** A store failure as the session error a request answers with; anything else unchanged. */
export function asSessionError(error: unknown): unknown {
  return error instanceof SessionStoreUnavailableError ? sessionStoreUnavailable() : error;
}
