import { matchesSha256, sha256 } from '../common/secret-hash';

/** An OAuth client of the authorization-code flow, as registered with the identity service. */
export interface OidcClient {
  clientId: string;
  /** Confidential clients authenticate with this secret; public clients (native apps) have none. */
  secretHash?: Buffer;
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
  /** OIDC Back-Channel Logout: where logout tokens are POSTed when a session of this client ends. */
  backchannelLogoutUri?: string;
  /** RFC 8252 §7.3: a native app's loopback redirect may use any port. */
  loopbackAnyPort?: boolean;
}

/** What a client registers, before its secret is hashed. */
export interface OidcClientRegistration extends Omit<OidcClient, 'secretHash'> {
  secret?: string;
}

/** The client ids a registry answers for, and how a presented redirect URI is matched against them. */
export class OidcClientRegistry {
  private readonly clients: Map<string, OidcClient>;

  constructor(registrations: readonly OidcClientRegistration[]) {
    this.clients = new Map(
      registrations.map(({ secret, ...client }) => [
        client.clientId,
        { ...client, ...(secret ? { secretHash: sha256(secret) } : {}) },
      ]),
    );
  }

  get(clientId: string): OidcClient | undefined {
    return this.clients.get(clientId);
  }

  all(): OidcClient[] {
    return [...this.clients.values()];
  }

  /**
   * The client when the presented credentials prove it: its secret for a confidential client, none at all
   * for a public one (a public client presenting a secret, or a confidential one presenting none, fails).
   */
  authenticate(clientId: string, secret: string | undefined): OidcClient | null {
    const client = this.clients.get(clientId);
    if (!client) {
      if (secret !== undefined) matchesSha256(secret, sha256(`\0unknown:${clientId}`));
      return null;
    }
    if (!client.secretHash) return secret === undefined ? client : null;
    return secret !== undefined && matchesSha256(secret, client.secretHash) ? client : null;
  }
}

/** Exact string match (OAuth 2.1 §2.3.1), except a native client's loopback redirect, whose port may vary. */
export function redirectUriAllowed(client: OidcClient, presented: string): boolean {
  if (client.redirectUris.includes(presented)) return true;
  if (!client.loopbackAnyPort) return false;
  let url: URL;
  try {
    url = new URL(presented);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', '[::1]'].includes(url.hostname)) return false;
  const withoutPort = `${url.protocol}//${url.hostname}${url.pathname}${url.search}`;
  return client.redirectUris.includes(withoutPort);
}

/*
 * DEMO CLIENTS — the secret below is public (README) and valid only against these demo services.
 */
const DEMO_WEB_BFF_CLIENT_ID = 'web-bff';
const DEMO_WEB_BFF_SECRET = 'web-bff-demo-secret-not-for-production';
const DEMO_NATIVE_CLIENT_ID = 'concierge-mobile';

/** The demo's OIDC clients: the web gateway (confidential, at `webOrigin`) and a native app (public). */
export function demoOidcClients(webOrigin: string): OidcClientRegistration[] {
  return [
    {
      clientId: DEMO_WEB_BFF_CLIENT_ID,
      secret: DEMO_WEB_BFF_SECRET,
      redirectUris: [`${webOrigin}/bff/callback`],
      postLogoutRedirectUris: [`${webOrigin}/`],
      backchannelLogoutUri: `${webOrigin}/bff/backchannel-logout`,
    },
    {
      clientId: DEMO_NATIVE_CLIENT_ID,
      redirectUris: ['com.concierge.mobile:/oauth/callback', 'http://127.0.0.1/oauth/callback'],
      postLogoutRedirectUris: ['com.concierge.mobile:/signed-out'],
      loopbackAnyPort: true,
    },
  ];
}
