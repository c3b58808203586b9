import { LOGIN_COOKIE, readCookie, SESSION_COOKIE, withoutCookies } from './cookies';

type Headers = Record<string, string | string[] | undefined>;

// Keyed by the request's headers object, the one thing both Nest guards and Fastify routes hand over.
const sessionIds = new WeakMap<object, string>();

/**
 * Takes the gateway's own cookies out of the request's `Cookie` header (so no service ever sees a session
 * id) and remembers the session id for the authenticator. Runs first thing on every request.
 */
export function takeSessionCookie(headers: Headers): void {
  const cookie = headers['cookie'];
  if (typeof cookie !== 'string' || !cookie.includes('__Host-concierge-')) return;
  const id = readCookie(cookie, SESSION_COOKIE);
  if (id) sessionIds.set(headers, id);
  const rest = withoutCookies(cookie, [SESSION_COOKIE, LOGIN_COOKIE]);
  if (rest === undefined) delete headers['cookie'];
  else headers['cookie'] = rest;
}

/** The session id the request's cookie carried, once `takeSessionCookie` has run on it. */
export function sessionIdOf(headers: Headers): string | undefined {
  return sessionIds.get(headers);
}
