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
  ) {
    super(detail);
  }
}

export const sessionEnded = () => new SessionError(401, 'The session has ended; sign in again.', LOGIN_PATH);
