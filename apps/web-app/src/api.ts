/** Where this app may send a request: its own origin's API and token handler, nothing else. */
type OwnPath = `/api/${string}` | `/bff/${string}`;

/**
 * Every call of the app: same origin only, the session cookie sent by the browser, and `X-CSRF: 1` — the
 * header the gateway requires with the cookie (a page on another origin cannot send it without a CORS
 * preflight the gateway refuses). The app never sees a token.
 */
export function call(path: OwnPath, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('X-CSRF', '1');
  return fetch(path, { ...init, headers, credentials: 'same-origin' });
}
