import type { RequestHeaders } from './credentials';

/**
 * The extension point for browser sessions: where a request that presents no credential of its own may
 * still have one — a server-side session behind a cookie. Provided (globally) under
 * `SESSION_CREDENTIAL_SOURCE` by a sessions library; without a provider, nothing changes.
 */
export interface SessionCredentialSource {
  /**
   * The bearer token the request's session stands for, or undefined when it has no session. May throw an
   * `HttpException` carrying a problem document (403 for a failed CSRF check, 401 for an ended session).
   */
  bearerTokenFor(headers: RequestHeaders): Promise<string | undefined>;
}

export const SESSION_CREDENTIAL_SOURCE = 'concierge:session-credential-source';
