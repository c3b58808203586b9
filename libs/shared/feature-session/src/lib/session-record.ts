import type { TokenSet } from 'openid-client';

/** One signed-in browser, as stored (sealed) server-side. Times are epoch milliseconds. */
export interface SessionRecord {
  sub: string;
  sid?: string;
  /** The ID token's user claims (protocol claims such as `nonce` left out). */
  claims: Record<string, unknown>;
  idToken?: string;
  accessToken: string;
  accessExpiresAt: number;
  /** When to refresh: ahead of expiry, by a quarter of the token's lifetime (at most 30 s). */
  refreshAt: number;
  refreshToken?: string;
  createdAt: number;
  /** Absolute end: the configured lifetime, never beyond the refresh token's (or, without one, the access token's). */
  expiresAt: number;
}

const PROTOCOL_CLAIMS = new Set([
  'iss',
  'aud',
  'exp',
  'iat',
  'nbf',
  'nonce',
  'at_hash',
  'c_hash',
  'azp',
  'jti',
  'auth_time',
  'sid',
]);

/** What a token response means for the session: the new tokens and when to refresh and end. */
export function applyTokens(
  tokens: TokenSet,
  now: number,
  limits: { expiresAt: number },
  previous?: SessionRecord,
): SessionRecord {
  const accessToken = tokens.access_token;
  if (!accessToken) throw new Error('the token response carries no access token');
  const accessExpiresAt = tokens.expires_at ? tokens.expires_at * 1000 : now + 300_000;
  const lifetime = Math.max(0, accessExpiresAt - now);
  const refreshToken = tokens.refresh_token ?? previous?.refreshToken;
  const refreshExpiresIn = Number((tokens as unknown as Record<string, unknown>)['refresh_token_expires_in']);
  let expiresAt = previous?.expiresAt ?? limits.expiresAt;
  if (Number.isFinite(refreshExpiresIn) && refreshExpiresIn > 0)
    expiresAt = Math.min(expiresAt, now + refreshExpiresIn * 1000);
  if (!refreshToken) expiresAt = Math.min(expiresAt, accessExpiresAt);
  const claims = tokens.id_token ? tokens.claims() : undefined;
  return {
    sub: (claims?.sub as string | undefined) ?? previous?.sub ?? '',
    sid: (claims?.sid as string | undefined) ?? previous?.sid,
    claims: claims
      ? Object.fromEntries(Object.entries(claims).filter(([name]) => !PROTOCOL_CLAIMS.has(name)))
      : (previous?.claims ?? {}),
    idToken: tokens.id_token ?? previous?.idToken,
    accessToken,
    accessExpiresAt,
    refreshAt: accessExpiresAt - Math.min(30_000, lifetime / 4),
    refreshToken,
    createdAt: previous?.createdAt ?? now,
    expiresAt,
  };
}
