import type { TokenResponse } from '@concierge/shared/util-contracts';

async function requestToken(
  identityUrl: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await fetch(`${identityUrl.replace(/\/+$/, '')}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`token request (${params['grant_type']}) failed: ${response.status} ${text}`);
  return (JSON.parse(text) as TokenResponse).access_token;
}

/**
 * An access token for a user by the password grant (e.g. `alice` / `wonderland`). `scope` narrows the
 * token to a space-separated subset of the user's scopes. Throws with the identity service's error.
 */
export function passwordToken(
  identityUrl: string,
  username: string,
  password: string,
  scope?: string,
): Promise<string> {
  return requestToken(identityUrl, {
    grant_type: 'password',
    username,
    password,
    ...(scope ? { scope } : {}),
  });
}

/**
 * An access token by the client-credentials grant, authenticating with HTTP Basic (e.g. `dev-0001` /
 * `iot-demo-secret-0001` for a device, `reporting` / `reporting-demo-secret` for a service).
 */
export function clientToken(identityUrl: string, clientId: string, secret: string): Promise<string> {
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString(
    'base64',
  );
  return requestToken(identityUrl, { grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
}
