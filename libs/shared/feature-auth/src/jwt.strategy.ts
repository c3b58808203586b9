import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-jwt';
import type { ResolvedAuthOptions } from './auth-options';
import { RESOLVED_AUTH_OPTIONS } from './auth.module-definition';
import { credentialFrom, type RequestHeaders } from './credentials';
import { InvalidClaimsError, principalFromClaims, type Principal } from './principal';
import { signingKeyProvider, type SecretOrKeyProvider } from './signing-key.provider';

/** Passport name of the JWT strategy. */
export const JWT_STRATEGY = 'concierge-jwt';

/** Overrides the key lookup (tests); by default keys come from the configured JWKS. */
export const SIGNING_KEY_PROVIDER = Symbol('SIGNING_KEY_PROVIDER');

/**
 * Bearer JWTs on passport-jwt: signature against the issuer's JWKS (or the HS256 secret when configured),
 * an explicit algorithm allow-list, `iss`, `aud`, `exp` (required) and `nbf` with the configured clock
 * tolerance; tokens over `maxTokenBytes` never reach the parser. Yields a `Principal`.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(@Inject(RESOLVED_AUTH_OPTIONS) options: ResolvedAuthOptions, @Inject(SIGNING_KEY_PROVIDER) keys: SecretOrKeyProvider) {
    const { jwt } = options;
    super({
      jwtFromRequest: (request: { headers: RequestHeaders }) => {
        const credential = credentialFrom(request.headers ?? {}, jwt.maxTokenBytes);
        return credential.kind === 'bearer' ? credential.token : null;
      },
      secretOrKeyProvider: keys,
      issuer: jwt.issuer,
      audience: jwt.audience,
      algorithms: jwt.algorithms,
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: jwt.clockToleranceSec },
    });
  }

  /** Called by passport-jwt with the verified payload. */
  validate(payload: Record<string, unknown>): Principal {
    if (typeof payload['exp'] !== 'number') throw new InvalidClaimsError('exp is required');
    return principalFromClaims(payload);
  }
}

/** The default `SIGNING_KEY_PROVIDER`: the JWKS (and HS256 secret) of the options. */
export const signingKeyProviderFactory = {
  provide: SIGNING_KEY_PROVIDER,
  inject: [RESOLVED_AUTH_OPTIONS],
  useFactory: (options: ResolvedAuthOptions) => signingKeyProvider(options.jwt),
};
