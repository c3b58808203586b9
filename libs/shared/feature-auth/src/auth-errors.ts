import { HttpException, HttpStatus } from '@nestjs/common';
import { problem, withResponseHeaders } from '@concierge/shared/util-http';

/** Short, safe `error_description`s: they say what is wrong with a token, never why a check failed inside. */
export const TOKEN_ERRORS = {
  invalid: 'The access token is invalid',
  expired: 'The access token expired',
  notYetValid: 'The access token is not valid yet',
  tooLarge: 'The access token is too large',
  wrongIssuer: 'The access token is not from the trusted issuer',
  wrongAudience: 'The access token is not meant for this audience',
  wrongType: 'The token is not an access token',
  wrongAlgorithm: 'The access token is signed with an algorithm that is not accepted',
  invalidKey: 'The device key is invalid',
  invalidApiKey: 'The API key is invalid',
} as const;

export interface Challenge {
  realm: string;
  /** Whether `ApiKey` credentials are accepted here (the challenge then names that scheme too). */
  apiKey: boolean;
}

/**
 * 401 problem+json with RFC 6750 challenges: no `error` attribute when nothing was sent,
 * `error="invalid_token"` and a short description otherwise. Device-key failures lead with `ApiKey`.
 */
export function unauthorized(
  challenge: Challenge,
  failure?: { scheme: 'bearer' | 'device-key'; description: string },
): HttpException {
  const realm = `realm="${challenge.realm}"`;
  const error = failure ? `, error="invalid_token", error_description="${failure.description}"` : '';
  const bearer = `Bearer ${realm}${failure?.scheme === 'bearer' ? error : ''}`;
  const apiKey = `ApiKey ${realm}${failure?.scheme === 'device-key' ? error : ''}`;
  const value =
    failure?.scheme === 'device-key'
      ? `${apiKey}, ${bearer}`
      : challenge.apiKey
        ? `${bearer}, ${apiKey}`
        : bearer;
  const body = problem(
    HttpStatus.UNAUTHORIZED,
    failure ? `${failure.description}.` : 'Authentication is required.',
  );
  return new HttpException(withResponseHeaders(body, { 'www-authenticate': value }), HttpStatus.UNAUTHORIZED);
}

/** 403 problem+json with `error="insufficient_scope"`; names the scopes the route needs, nothing else. */
export function forbidden(realm: string, requiredScopes: readonly string[] = []): HttpException {
  const scope = requiredScopes.length > 0 ? `, scope="${requiredScopes.join(' ')}"` : '';
  const body = problem(HttpStatus.FORBIDDEN, 'The credentials do not grant access to this resource.');
  return new HttpException(
    withResponseHeaders(body, {
      'www-authenticate': `Bearer realm="${realm}", error="insufficient_scope"${scope}`,
    }),
    HttpStatus.FORBIDDEN,
  );
}

/** 503 when the source of truth (the issuer's keys, the device registry) cannot be asked; the credentials may well be fine. */
export function credentialsUncheckable(): HttpException {
  const body = problem(
    HttpStatus.SERVICE_UNAVAILABLE,
    'Credentials cannot be checked right now; retry shortly.',
  );
  return new HttpException(withResponseHeaders(body, { 'retry-after': '5' }), HttpStatus.SERVICE_UNAVAILABLE);
}

/** 429 problem+json with `Retry-After`: a client used up its failed credential checks; nothing was asked upstream. */
export function tooManyFailedAttempts(retryAfterSec: number): HttpException {
  const body = problem(
    HttpStatus.TOO_MANY_REQUESTS,
    `Too many failed credential checks from this client; retry in ${retryAfterSec} s.`,
    { type: 'too-many-failed-attempts', retryAfter: retryAfterSec },
  );
  return new HttpException(
    withResponseHeaders(body, { 'retry-after': String(retryAfterSec) }),
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

/**
 * 403 problem+json for a principal of a kind the route does not serve (a client token on a user-only
 * route): it names both kinds, and is no `insufficient_scope` — no scope would help.
 */
export function wrongPrincipal(kind: string, accepted: readonly string[]): HttpException {
  const body = problem(
    HttpStatus.FORBIDDEN,
    `This route accepts ${accepted.join(' or ')} principals, not a ${kind}.`,
    {
      principal: kind,
      acceptedPrincipals: [...accepted],
    },
  );
  return new HttpException(body, HttpStatus.FORBIDDEN);
}
