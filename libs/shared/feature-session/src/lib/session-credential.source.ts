import type { RequestHeaders, SessionCredentialSource } from '@concierge/shared/feature-auth';
import { csrfRefusal } from './csrf';
import { asSessionError, SessionError } from './session-errors';
import { toHttpException } from './session-problem';
import { sessionIdOf } from './session-of-request';
import type { SessionService } from './session.service';
import type { ResolvedSessionOptions } from './session.options';

/**
 * The sessions side of feature-auth's extension point: for a request with no credential of its own but
 * a session cookie, the CSRF check (403 when it fails), then the session's current access token.
 */
export class SessionCredentials implements SessionCredentialSource {
  constructor(
    private readonly sessions: SessionService,
    private readonly options: ResolvedSessionOptions,
  ) {}

  async bearerTokenFor(headers: RequestHeaders): Promise<string | undefined> {
    const id = sessionIdOf(headers);
    if (!id) return undefined;
    try {
      const refusal = csrfRefusal(headers, this.options.publicOrigin, this.options.allowedOrigins);
      if (refusal) throw new SessionError(403, refusal);
      return await this.sessions.accessTokenFor(id);
    } catch (caught) {
      // A store outage is a 503 with Retry-After for this request, never a 401 that ends the session.
      const error = asSessionError(caught);
      if (error instanceof SessionError) throw toHttpException(error);
      throw error;
    }
  }
}
