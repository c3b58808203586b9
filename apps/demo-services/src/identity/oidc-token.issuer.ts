import { compactVerify, createLocalJWKSet, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { SIGNING_ALG, type KeyRing } from './key-ring';

/** OIDC Back-Channel Logout 1.0 §2.4: the event a logout token carries. */
const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

export interface IdTokenClaims {
  subject: string;
  clientId: string;
  sid: string;
  authTime: number;
  nonce?: string;
  /** Standard claims of the `profile` scope (`name`, `preferred_username`). */
  profile?: Record<string, string>;
}

/** Mints ID tokens and logout tokens with the identity service's current signing key. */
export class OidcTokenIssuer {
  constructor(
    private readonly keys: KeyRing,
    private readonly options: { issuer: () => string; idTokenTtlSec: number },
  ) {}

  async idToken(claims: IdTokenClaims): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const { kid, privateKey } = this.keys.current;
    return new SignJWT({
      sid: claims.sid,
      auth_time: claims.authTime,
      azp: claims.clientId,
      ...(claims.nonce ? { nonce: claims.nonce } : {}),
      ...claims.profile,
    })
      .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: 'JWT' })
      .setIssuer(this.options.issuer())
      .setAudience(claims.clientId)
      .setSubject(claims.subject)
      .setIssuedAt(now)
      .setExpirationTime(now + this.options.idTokenTtlSec)
      .sign(privateKey);
  }

  /** A logout token (§2.4): `sub` and `sid`, the event, no `nonce`, valid for two minutes. */
  async logoutToken(clientId: string, subject: string, sid: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const { kid, privateKey } = this.keys.current;
    return new SignJWT({ sid, events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } })
      .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: 'logout+jwt' })
      .setIssuer(this.options.issuer())
      .setAudience(clientId)
      .setSubject(subject)
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .setJti(randomUUID())
      .sign(privateKey);
  }

  /**
   * The claims of an `id_token_hint` this service signed. Its expiry does not matter (OIDC RP-Initiated
   * Logout §2: a hint may have expired), its signature and issuer do. Undefined when it is not ours.
   */
  async hintClaims(
    idToken: string,
  ): Promise<{ sub?: string; sid?: string; aud?: string | string[] } | undefined> {
    try {
      const { payload } = await compactVerify(idToken, createLocalJWKSet(this.keys.jwks()), {
        algorithms: [SIGNING_ALG],
      });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
      if (claims['iss'] !== this.options.issuer()) return undefined;
      return claims as { sub?: string; sid?: string; aud?: string | string[] };
    } catch {
      return undefined;
    }
  }
}
