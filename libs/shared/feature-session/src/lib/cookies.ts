/** The session cookie: an opaque id, host-only (`__Host-`: Secure, Path=/, no Domain). */
export const SESSION_COOKIE = '__Host-concierge-session';
/** The sign-in cookie: state, nonce and PKCE verifier between `/bff/login` and `/bff/callback`. */
export const LOGIN_COOKIE = '__Host-concierge-login';

export interface CookieAttributes {
  sameSite: 'Strict' | 'Lax';
  maxAgeSec: number;
}

/** A `Set-Cookie` value with the attributes a `__Host-` cookie requires, always HttpOnly. */
export function serializeCookie(
  name: string,
  value: string,
  { sameSite, maxAgeSec }: CookieAttributes,
): string {
  return `${name}=${value}; Path=/; Secure; HttpOnly; SameSite=${sameSite}; Max-Age=${Math.max(0, Math.floor(maxAgeSec))}`;
}

export function clearCookie(name: string, sameSite: CookieAttributes['sameSite'] = 'Strict'): string {
  return serializeCookie(name, '', { sameSite, maxAgeSec: 0 });
}

const VALUE = /^[A-Za-z0-9_-]{1,4096}$/;

/** The value of cookie `name` in a `Cookie` header, when it is one well-formed value (our values are base64url). */
export function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  if (typeof header !== 'string') return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const value = pair.slice(eq + 1).trim();
    return VALUE.test(value) ? value : undefined;
  }
  return undefined;
}

/** The `Cookie` header without the named cookies; undefined when nothing else is left. */
export function withoutCookies(header: string, names: readonly string[]): string | undefined {
  const kept = header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair && !names.includes(pair.slice(0, Math.max(0, pair.indexOf('='))).trim()));
  return kept.length ? kept.join('; ') : undefined;
}
