import { randomUUID } from 'node:crypto';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type JWK,
  type JWTPayload,
  type KeyLike,
} from 'jose';

/** A key pair an issuer signs with, and its public JWK as a JWKS serves it. */
export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: KeyLike;
  publicJwk: JWK;
  publicPem: string;
}

export async function generateSigningKey(alg = 'RS256', kid: string = randomUUID()): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk, publicPem: await exportSPKI(publicKey) };
}

export interface TokenOptions {
  issuer: string;
  audience: string;
  /** Seconds from now; negative for an expired token. Default 300. */
  expiresInSec?: number;
  /** Seconds from now. */
  notBeforeSec?: number;
  /** Header overrides (e.g. another `kid`). */
  header?: Record<string, unknown>;
}

/** A JWT signed with `key` (real signature), `sub`/`scope` etc. from `claims`. */
export async function signToken(key: SigningKey, claims: JWTPayload, options: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...options.header })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresInSec ?? 300));
  if (options.notBeforeSec !== undefined) jwt.setNotBefore(now + options.notBeforeSec);
  return jwt.sign(key.privateKey);
}

/** A compact JWS built by hand, for tokens no honest library would sign (`alg: none`, HS256 with a PEM). */
export function handMadeToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  signature = '',
): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.${signature}`;
}
