import type { OidcClient } from './oidc-clients';
import type { OidcTokenIssuer } from './oidc-token.issuer';

export interface LogoutDelivery {
  clientId: string;
  /** The client's HTTP status, or why nothing was delivered. */
  status: number | 'failed';
}

/**
 * Tells each client with a back-channel logout URI that a session ended, in parallel, each POST within
 * `timeoutMs` so a client that hangs cannot hold up a sign-out.
 */
export async function sendBackchannelLogout(
  tokens: OidcTokenIssuer,
  clients: readonly OidcClient[],
  session: { subject: string; sid: string },
  timeoutMs = 3000,
): Promise<LogoutDelivery[]> {
  return Promise.all(
    clients
      .filter((client) => client.backchannelLogoutUri)
      .map(async (client): Promise<LogoutDelivery> => {
        try {
          const logoutToken = await tokens.logoutToken(client.clientId, session.subject, session.sid);
          const response = await fetch(client.backchannelLogoutUri as string, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ logout_token: logoutToken }).toString(),
            signal: AbortSignal.timeout(timeoutMs),
            redirect: 'manual',
          });
          await response.body?.cancel();
          return { clientId: client.clientId, status: response.status };
        } catch {
          return { clientId: client.clientId, status: 'failed' };
        }
      }),
  );
}
