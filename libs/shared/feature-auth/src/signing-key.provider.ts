import { JwksClient } from 'jwks-rsa';
import type { ResolvedJwtOptions } from './auth-options';

/** passport-jwt's `secretOrKeyProvider` signature. */
export type SecretOrKeyProvider = (
  request: unknown,
  rawJwt: string,
  done: (err: Error | null, secretOrKey?: string | Buffer) => void,
) => void;

/** Raised for any token whose header rules it out before a key is looked up. */
export class DisallowedTokenError extends Error {}

/**
 * The issuer's JWKS could not be read (unreachable, timed out, answered an error): the token may be fine,
 * so this is not the client's fault — the gateway answers 503, not 401.
 */
export class KeySourceUnavailableError extends Error {}

/** An unknown `kid` and a refetch refused by the rate limit are verdicts on the token; anything else is not. */
const TOKEN_VERDICTS = new Set(['SigningKeyNotFoundError', 'JwksRateLimitError']);

/**
 * Picks the key a token may be verified with, by its header: an allowed asymmetric `alg` gets the JWKS
 * key of its `kid` (fetched when unknown, so rotated keys work without restart; fetches are rate limited
 * so random `kid`s cannot flood the issuer); `HS256` gets the configured secret and nothing else, so a
 * public key can never serve as an HMAC secret; anything else (`none`, JWE, junk) gets no key at all.
 */
export function signingKeyProvider(options: ResolvedJwtOptions, client = jwksClientFor(options)): SecretOrKeyProvider {
  const allowed = new Set<string>(options.algorithms);
  return (_request, rawJwt, done) => {
    const header = headerOf(rawJwt);
    const alg = header?.['alg'];
    const kid = header?.['kid'];
    if (typeof alg !== 'string' || !allowed.has(alg) || (kid !== undefined && typeof kid !== 'string')) {
      return done(new DisallowedTokenError('algorithm or header not allowed'));
    }
    if (alg === 'HS256') {
      return options.hs256Secret !== undefined ? done(null, options.hs256Secret) : done(new DisallowedTokenError('HS256 not enabled'));
    }
    client.getSigningKey(kid).then(
      // jsonwebtoken then checks that the key's type fits `alg` (an RSA key for RS/PS, the right curve for ES).
      (key) => done(null, key.getPublicKey()),
      (err: Error) => done(TOKEN_VERDICTS.has(err.name) ? err : new KeySourceUnavailableError(err.message)),
    );
  };
}

/** A JWKS client that caches keys by `kid`, refetches on an unknown one, and rate limits its fetches. */
export function jwksClientFor(options: ResolvedJwtOptions): JwksClient {
  return new JwksClient({
    jwksUri: options.jwksUri,
    cache: true,
    cacheMaxAge: options.jwksCacheMaxAgeMs,
    rateLimit: true,
    jwksRequestsPerMinute: options.jwksRequestsPerMinute,
    timeout: options.jwksTimeoutMs,
  });
}

/** The protected header of a compact JWS (exactly three segments), or undefined. */
function headerOf(rawJwt: string): Record<string, unknown> | undefined {
  const first = rawJwt.indexOf('.');
  const second = rawJwt.indexOf('.', first + 1);
  if (first <= 0 || second < 0 || rawJwt.indexOf('.', second + 1) >= 0) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(rawJwt.slice(0, first), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && !Array.isArray(header) ? (header as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
