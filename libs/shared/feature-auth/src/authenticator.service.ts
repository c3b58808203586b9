import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { currentRequestContext } from '@concierge/shared/util-request-context';
import type { ResolvedAuthOptions } from './auth-options';
import { RESOLVED_AUTH_OPTIONS } from './auth.module-definition';
import { credentialsUncheckable, TOKEN_ERRORS, unauthorized, type Challenge } from './auth-errors';
import { assertAuthorized, type AuthRequirement } from './authorization';
import { credentialFrom, type RequestHeaders } from './credentials';
import { BearerTokens } from './bearer-tokens.service';
import { DeviceKeyStrategy } from './device-key.strategy';
import { KeySourceUnavailableError } from './jwks-fetch';
import { identityHeadersOf, InvalidClaimsError, type Principal } from './principal';
import { runStrategy } from './run-strategy';
import { TokenRefusedError, type RefusalReason } from './token-verifier';

/**
 * Authenticates a request from its headers alone: the one implementation behind the global guard and
 * behind routes registered straight on Fastify, sharing their caches.
 */
@Injectable()
export class Authenticator {
  private readonly logger = new Logger(Authenticator.name);
  private readonly challenge: Challenge;

  constructor(
    @Inject(RESOLVED_AUTH_OPTIONS) private readonly options: ResolvedAuthOptions,
    private readonly bearerTokens: BearerTokens,
    private readonly deviceKeyStrategy: DeviceKeyStrategy,
  ) {
    this.challenge = { realm: options.realm, apiKey: deviceKeyStrategy.enabled };
  }

  /**
   * The principal the request's credential proves (a bearer JWT, or a device key when device keys are
   * configured). Inside a request context, also sets that context's `identity` to the principal's
   * identity headers (client-sent identity headers are never read). Throws an `HttpException` carrying a
   * problem document and `WWW-Authenticate`: 401 for missing or invalid credentials, 503 when the device
   * key verifier cannot be reached.
   */
  async authenticate(headers: RequestHeaders): Promise<Principal> {
    const principal = await this.principalOf(headers);
    const context = currentRequestContext();
    if (context) context.identity = identityHeadersOf(principal);
    return principal;
  }

  /**
   * Throws 403 problem+json (`error="insufficient_scope"`) unless `principal` meets `requirement`: the
   * `@Scopes`/`@Roles`/`@Authenticated` check for routes registered straight on Fastify.
   */
  authorize(principal: Principal, requirement: AuthRequirement): void {
    assertAuthorized(principal, requirement, this.options.realm);
  }

  /** The realm of this gateway's challenges. */
  get realm(): string {
    return this.options.realm;
  }

  private async principalOf(headers: RequestHeaders): Promise<Principal> {
    const credential = credentialFrom(headers, this.options.jwt.maxTokenBytes);
    switch (credential.kind) {
      case 'bearer':
        return this.verifyToken(credential.token);
      case 'device-key':
        if (!this.deviceKeyStrategy.enabled) throw unauthorized(this.challenge);
        return this.verifyDeviceKey(headers);
      case 'malformed':
        if (credential.scheme === 'device-key' && !this.deviceKeyStrategy.enabled)
          throw unauthorized(this.challenge);
        throw unauthorized(this.challenge, {
          scheme: credential.scheme,
          description:
            credential.scheme === 'device-key'
              ? TOKEN_ERRORS.invalidKey
              : credential.tooLarge
                ? TOKEN_ERRORS.tooLarge
                : TOKEN_ERRORS.invalid,
        });
      default:
        throw unauthorized(this.challenge);
    }
  }

  private async verifyToken(token: string): Promise<Principal> {
    try {
      return await this.bearerTokens.principalOf(token);
    } catch (err) {
      if (err instanceof KeySourceUnavailableError) {
        this.bearerTokens.unavailable(err.message);
        throw credentialsUncheckable();
      }
      const reason: RefusalReason = err instanceof TokenRefusedError ? err.reason : 'claims';
      if (!(err instanceof TokenRefusedError) && !(err instanceof InvalidClaimsError)) throw err;
      this.bearerTokens.refused(reason, err.message);
      throw unauthorized(this.challenge, { scheme: 'bearer', description: descriptionOf(reason) });
    }
  }

  private async verifyDeviceKey(headers: RequestHeaders): Promise<Principal> {
    let outcome;
    try {
      outcome = await runStrategy<Principal>(this.deviceKeyStrategy, { headers });
    } catch (err) {
      if (err instanceof HttpException) throw err;
      if (!(err instanceof InvalidClaimsError)) {
        this.logger.warn(`device key verifier failed: ${describe(err)}`);
        throw credentialsUncheckable();
      }
      outcome = { ok: false as const, reason: err };
    }
    if (outcome.ok) return outcome.user;
    throw unauthorized(this.challenge, { scheme: 'device-key', description: TOKEN_ERRORS.invalidKey });
  }
}

/**
 * What the client is told. Reasons an honest client can act on are named; a bad signature or an unknown
 * key is only "invalid", so a forger learns nothing from the answer.
 */
function descriptionOf(reason: RefusalReason): string {
  switch (reason) {
    case 'expired':
      return TOKEN_ERRORS.expired;
    case 'not-yet-valid':
      return TOKEN_ERRORS.notYetValid;
    case 'issuer':
      return TOKEN_ERRORS.wrongIssuer;
    case 'audience':
      return TOKEN_ERRORS.wrongAudience;
    case 'type':
      return TOKEN_ERRORS.wrongType;
    case 'algorithm':
      return TOKEN_ERRORS.wrongAlgorithm;
    default:
      return TOKEN_ERRORS.invalid;
  }
}

function describe(reason: unknown): string {
  return reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
}
