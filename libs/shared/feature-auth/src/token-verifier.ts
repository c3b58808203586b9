import {
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyOptions,
  type KeyLike,
} from 'jose';
import type { ResolvedJwtOptions } from './auth-options';
import { KeySourceUnavailableError } from './jwks-fetch';
import { UnknownSigningKeyError, type JwksKeySet } from './jwks-key-set';
import { normalizedType } from './token-type';
import { HMAC } from './verified-token.cache';

/** Why a bearer token was refused; what the logs and the `concierge_auth_tokens_refused_total` metric say. */
export type RefusalReason =
  | 'malformed'
  | 'algorithm'
  | 'type'
  | 'signature'
  | 'unknown-key'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'not-yet-valid'
  | 'claims';

/** A verdict on the token itself (the client's problem: 401), with the reason and a detail for the logs. */
export class TokenRefusedError extends Error {
  override name = 'TokenRefusedError';

  constructor(
    readonly reason: RefusalReason,
    detail: string,
  ) {
    super(detail);
  }
}

/** A token whose signature and claims were verified. */
export interface VerifiedToken {
  payload: JWTPayload;
  /** The `kid` of the key that signed it (`HMAC` for the HS256 secret, undefined for a key without one). */
  kid?: string;
}

/**
 * Verifies compact JWS access tokens with jose: the header is vetted before any key is looked up (an
 * allowed `alg`, a string `kid`, an accepted `typ`), then the signature against the issuer's key set (or
 * the HS256 secret — and only the secret, so a public key never serves as an HMAC secret), then `iss`,
 * `aud`, `exp` (required) and `nbf` with the clock tolerance. Every refusal is a `TokenRefusedError`;
 * keys that cannot be had surface as `KeySourceUnavailableError` (not the token's fault).
 */
export class TokenVerifier {
  private readonly secret?: Uint8Array;

  constructor(
    private readonly options: ResolvedJwtOptions,
    private readonly keys: JwksKeySet | undefined,
    /** The algorithms accepted now (discovery may narrow them once it has answered). */
    private readonly algorithms: () => ReadonlySet<string>,
  ) {
    if (options.hs256Secret !== undefined) this.secret = new TextEncoder().encode(options.hs256Secret);
  }

  async verify(token: string): Promise<VerifiedToken> {
    const header = this.vetHeader(token);
    const verifyOptions: JWTVerifyOptions = {
      issuer: this.options.issuer,
      audience: this.options.audience,
      algorithms: [...this.algorithms()],
      clockTolerance: this.options.clockToleranceSec,
      requiredClaims: ['exp'],
    };
    try {
      const { payload } = await jwtVerify(
        token,
        (h, t) => this.keyFor(h.alg, () => this.keys!.keyFor(h, t)),
        verifyOptions,
      );
      return { payload, kid: header.alg === 'HS256' ? HMAC : header.kid };
    } catch (err) {
      if (err instanceof errors.JWKSMultipleMatchingKeys)
        return this.verifyWithEach(token, err, verifyOptions, header.kid);
      throw refusalOf(err);
    }
  }

  private vetHeader(token: string): { alg: string; kid?: string } {
    if (token.split('.').length !== 3) throw new TokenRefusedError('malformed', 'not a compact JWS');
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw new TokenRefusedError('malformed', 'the header is not a JSON object');
    }
    const { alg, kid, typ } = header;
    if (typeof alg !== 'string' || !this.algorithms().has(alg))
      throw new TokenRefusedError('algorithm', `alg ${printable(alg)} is not accepted`);
    if (kid !== undefined && typeof kid !== 'string')
      throw new TokenRefusedError('malformed', 'kid is not a string');
    // Checked before any key lookup, so an ID token never costs a JWKS refetch.
    if (!this.options.tokenTypes.includes(normalizedType(typ)))
      throw new TokenRefusedError('type', `typ ${printable(typ)} is not an accepted token type`);
    return { alg, kid };
  }

  private keyFor(
    alg: string | undefined,
    fromKeySet: () => Promise<KeyLike | Uint8Array>,
  ): Promise<KeyLike | Uint8Array> {
    if (alg === 'HS256') {
      if (!this.secret) throw new TokenRefusedError('algorithm', 'HS256 is not enabled');
      return Promise.resolve(this.secret);
    }
    if (!this.keys)
      throw new TokenRefusedError(
        'algorithm',
        `alg ${printable(alg)} needs a key set, and none is configured`,
      );
    return fromKeySet();
  }

  /** Several keys fit a token without `kid`: the first whose signature holds wins. */
  private async verifyWithEach(
    token: string,
    candidates: errors.JWKSMultipleMatchingKeys,
    options: JWTVerifyOptions,
    kid: string | undefined,
  ): Promise<VerifiedToken> {
    for await (const key of candidates as unknown as AsyncIterable<KeyLike>) {
      try {
        return { payload: (await jwtVerify(token, key, options)).payload, kid };
      } catch (err) {
        if (!(err instanceof errors.JWSSignatureVerificationFailed)) throw refusalOf(err);
      }
    }
    throw new TokenRefusedError('signature', 'no candidate key verifies the signature');
  }
}

function refusalOf(err: unknown): Error {
  if (err instanceof TokenRefusedError || err instanceof KeySourceUnavailableError) return err;
  if (err instanceof UnknownSigningKeyError) return new TokenRefusedError('unknown-key', err.message);
  if (err instanceof errors.JWTExpired) return new TokenRefusedError('expired', 'exp has passed');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return new TokenRefusedError('issuer', 'iss is not the configured issuer');
    if (err.claim === 'aud')
      return new TokenRefusedError('audience', 'aud names none of the configured audiences');
    if (err.claim === 'nbf') return new TokenRefusedError('not-yet-valid', 'nbf is in the future');
    return new TokenRefusedError('claims', `${err.claim} is missing or malformed`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return new TokenRefusedError('signature', 'the signature does not verify');
  if (err instanceof errors.JOSEAlgNotAllowed)
    return new TokenRefusedError('algorithm', 'alg is not accepted');
  return new TokenRefusedError('malformed', err instanceof Error ? err.name : 'unreadable token');
}

/** A header value as it may appear in a log line: short, JSON-quoted, never the token. */
function printable(value: unknown): string {
  const text = JSON.stringify(value ?? null) ?? 'null';
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
