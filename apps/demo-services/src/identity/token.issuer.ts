import type { TokenResponse } from '@concierge/shared/util-contracts';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Principal } from './credential.store';
import { SIGNING_ALG, type KeyRing } from './key-ring';

export interface TokenIssuerOptions {
  issuer: () => string;
  audience: string;
  tokenTtlSec: number;
}

/** Mints RFC 9068 access tokens for authenticated principals. */
export class TokenIssuer {
  constructor(
    private readonly keys: KeyRing,
    private readonly options: TokenIssuerOptions,
  ) {}

  async issue(principal: Principal, scopes: string[]): Promise<TokenResponse> {
    const now = Math.floor(Date.now() / 1000);
    const { kid, privateKey } = this.keys.current;
    const scope = scopes.join(' ');
    const claims: Record<string, unknown> = { scope, roles: principal.roles };
    if (principal.clientId) claims['client_id'] = principal.clientId;
    if (principal.deviceId) claims['device_id'] = principal.deviceId;
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALG, kid, typ: 'at+jwt' })
      .setIssuer(this.options.issuer())
      .setAudience(this.options.audience)
      .setSubject(principal.subject)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + this.options.tokenTtlSec)
      .setJti(randomUUID())
      .sign(privateKey);
    return { access_token: accessToken, token_type: 'Bearer', expires_in: this.options.tokenTtlSec, scope };
  }
}
