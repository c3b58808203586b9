import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { RequestContext } from '@concierge/shared/util-request-context';
import type { ResolvedAuthOptions } from './auth-options';
import { RESOLVED_AUTH_OPTIONS } from './auth.module-definition';
import {
  credentialsUncheckable,
  TOKEN_ERRORS,
  tooManyFailedAttempts,
  unauthorized,
  type Challenge,
} from './auth-errors';
import { ApiKeyVerifier } from './api-key.verifier';
import { assertAuthorized, type AuthRequirement } from './authorization';
import { credentialFrom, type RequestHeaders } from './credentials';
import { BearerTokens } from './bearer-tokens.service';
import { DeviceKeys } from './device-keys.service';
import { KeySourceUnavailableError } from './jwks-fetch';
import { identityHeadersOf, InvalidClaimsError, type Principal } from './principal';
import { SESSION_CREDENTIAL_SOURCE, type SessionCredentialSource } from './session-credentials';
import { TokenRefusedError, type RefusalReason } from './token-verifier';
import { TooManyFailedAttemptsError } from './unknown-key.gate';

/** Who is making the request, as far as the transport tells: charged for failed credential checks. */
export interface Caller {
  /** The client's address (e.g. Fastify's `request.ip`). */
  address?: string;
}

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
    private readonly deviceKeys: DeviceKeys,
    private readonly apiKeys: ApiKeyVerifier,
    @Optional() @Inject(SESSION_CREDENTIAL_SOURCE) private readonly sessions?: SessionCredentialSource,
  ) {
    this.challenge = { realm: options.realm, apiKey: deviceKeys.enabled || apiKeys.enabled };
  }

  /**
   * The principal the request's credential proves (a bearer JWT, or a device key when device keys are
   * configured). Sets the `identity` of the request's context (the one given, else the current one) to
   * the principal's identity headers (client-sent identity headers are never read). Throws an
   * `HttpException` carrying a problem document and `WWW-Authenticate`: 401 for missing or invalid
   * credentials, 503 when the keys or the key verifier cannot be had, 429 when `caller` used up its failed
   * checks of unknown keys.
   */
  async authenticate(
    headers: RequestHeaders,
    caller: Caller = {},
    context?: RequestContext,
  ): Promise<Principal> {
    const principal = await this.principalOf(headers, caller);
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

  private async principalOf(headers: RequestHeaders, caller: Caller): Promise<Principal> {
    const credential = credentialFrom(headers, this.options.jwt.maxTokenBytes);
    switch (credential.kind) {
      case 'bearer':
        return this.verifyToken(credential.token);
      case 'device-key':
        if (this.apiKeys.enabled) return this.verifyApiKey(credential.key, caller);
        if (!this.deviceKeys.enabled) throw unauthorized(this.challenge);
        return this.verifyDeviceKey(credential.key, caller);
      case 'malformed':
        if (credential.scheme === 'device-key' && !this.challenge.apiKey) throw unauthorized(this.challenge);
        throw unauthorized(this.challenge, {
          scheme: credential.scheme,
          description:
            credential.scheme === 'device-key'
              ? this.apiKeys.enabled
                ? TOKEN_ERRORS.invalidApiKey
                : TOKEN_ERRORS.invalidKey
              : credential.tooLarge
                ? TOKEN_ERRORS.tooLarge
                : TOKEN_ERRORS.invalid,
        });
      default:
        return this.principalOfSession(headers);
    }
  }

  /** No credential sent: a browser session may stand for one, verified exactly like a bearer token. */
  private async principalOfSession(headers: RequestHeaders): Promise<Principal> {
    const token = this.sessions ? await this.sessions.bearerTokenFor(headers) : undefined;
    if (!token) throw unauthorized(this.challenge);
    headers['authorization'] = `Bearer ${token}`;
    return this.verifyToken(token);
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

  private async verifyApiKey(key: string, caller: Caller): Promise<Principal> {
    let principal: Principal | null;
    try {
      principal = await this.apiKeys.principalOf(key, caller.address ?? '');
    } catch (err) {
      if (err instanceof TooManyFailedAttemptsError) throw tooManyFailedAttempts(err.retryAfterSec);
      if (!(err instanceof InvalidClaimsError)) {
        this.logger.warn(`API key verifier failed: ${describe(err)}`);
        throw credentialsUncheckable();
      }
      principal = null;
    }
    if (principal) return principal;
    throw unauthorized(this.challenge, { scheme: 'device-key', description: TOKEN_ERRORS.invalidApiKey });
  }

  private async verifyDeviceKey(key: string, caller: Caller): Promise<Principal> {
    let principal: Principal | null;
    try {
      principal = await this.deviceKeys.principalOf(key, caller.address ?? '');
    } catch (err) {
      if (err instanceof TooManyFailedAttemptsError) throw tooManyFailedAttempts(err.retryAfterSec);
      if (err instanceof InvalidClaimsError) principal = null;
      else {
        this.logger.warn(`device key verifier failed: ${describe(err)}`);
        throw credentialsUncheckable();
      }
    }
    if (principal) return principal;
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
