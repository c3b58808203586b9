/** The header a browser app sends with every cookie-authenticated call; a custom header forces a CORS preflight. */
export const CSRF_HEADER = 'x-csrf';

type Headers = Record<string, string | string[] | undefined>;

/**
 * Why a cookie-authenticated request may not be acting for the user, or undefined when it may: it must
 * carry `X-CSRF: 1` (no cross-site form or no-cors fetch can), and when the browser says where it comes
 * from (`Origin`, `Sec-Fetch-Site`), that must be the gateway's public origin or one on its allow-list.
 */
export function csrfRefusal(
  headers: Headers,
  publicOrigin: string,
  allowedOrigins: readonly string[],
): string | undefined {
  if (headers[CSRF_HEADER] !== '1')
    return `A request authenticated by the session cookie must send the header "X-CSRF: 1".`;
  const origin = headers['origin'];
  const listed = typeof origin === 'string' && (origin === publicOrigin || allowedOrigins.includes(origin));
  if (origin !== undefined && !listed) return 'The request comes from an origin this gateway does not serve.';
  const site = headers['sec-fetch-site'];
  if (site === undefined || site === 'same-origin') return undefined;
  // A listed origin of another site (a separate front-end host) is allowed; anything else is not.
  if ((site === 'same-site' || site === 'cross-site') && listed && origin !== publicOrigin) return undefined;
  return 'The request comes from another site.';
}
