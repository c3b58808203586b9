import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { ResolvedAuthOptions } from './auth-options';
import { RESOLVED_AUTH_OPTIONS } from './auth.module-definition';
import { AuthMetrics } from './auth-metrics';
import { JwksKeySet } from './jwks-key-set';
import { discoverIssuer, IssuerMismatchError, type IssuerMetadata } from './issuer-discovery';
import { principalFromClaims, type Principal } from './principal';
import { RateLimitedLog } from './rate-limited-log';
import { TokenVerifier } from './token-verifier';
import { VerifiedTokenCache } from './verified-token.cache';

const LOG_INTERVAL_MS = 10_000;

/**
 * Bearer JWTs end to end: the issuer's key set (fetched at start-up, refreshed in the background, refetched
 * for unknown `kid`s at a bounded rate), verification, and the verified-token cache, which forgets the
 * tokens of a key as soon as the issuer stops publishing it. Counts and logs (rate-limited) what it refuses.
 */
@Injectable()
export class BearerTokens implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Authenticator');
  private readonly metrics = new AuthMetrics();
  private readonly logs = new RateLimitedLog(LOG_INTERVAL_MS);
  private readonly cache: VerifiedTokenCache;
  private readonly verifier: TokenVerifier;
  /** Undefined when only HS256 is accepted: then no key set is ever fetched. */
  readonly keys?: JwksKeySet;

  private algorithms: ReadonlySet<string>;
  private discovered?: Promise<IssuerMetadata>;

  constructor(@Inject(RESOLVED_AUTH_OPTIONS) private readonly options: ResolvedAuthOptions) {
    const { jwt } = options;
    this.cache = new VerifiedTokenCache(jwt.verifiedTokenCacheSize);
    this.algorithms = new Set<string>(jwt.algorithms);
    if (jwt.algorithms.some((alg) => alg !== 'HS256')) {
      this.keys = new JwksKeySet({
        jwksUri: async () => jwt.jwksUri ?? (await this.discover()).jwksUri,
        timeoutMs: jwt.jwksTimeoutMs,
        lifetime: {
          defaultMs: jwt.jwksDefaultMaxAgeMs,
          minMs: jwt.jwksMinMaxAgeMs,
          maxMs: jwt.jwksMaxMaxAgeMs,
        },
        minRefetchIntervalMs: jwt.jwksMinRefetchIntervalMs,
        maxStaleMs: jwt.jwksMaxStaleMs,
        maxWaiting: jwt.jwksMaxWaiting,
        hooks: {
          onFetch: (outcome, { uri, error }) => {
            this.metrics.jwksFetch(outcome);
            if (error)
              this.logs.emit('jwks-failed', (n) =>
                this.logger.warn(`signing keys unavailable: ${error.message}${suppressed(n)}`),
              );
            else if (uri) this.logger.debug(`signing keys fetched from ${uri}`);
          },
          onUnknownKey: (kid) => {
            this.metrics.unknownKid();
            this.logs.emit('unknown-kid', (n) =>
              this.logger.warn(
                `bearer token names a key the issuer does not publish (kid ${printableKid(kid)}); waiting for the next key set${suppressed(n)}`,
              ),
            );
          },
          onKeysRemoved: (kids) => this.cache.dropSignedBy(kids),
        },
      });
    }
    this.verifier = new TokenVerifier(jwt, this.keys, () => this.algorithms);
    const keys = this.keys;
    if (keys) options.readiness?.register('signing-keys', () => keys.loaded);
  }

  /**
   * Reads the issuer's metadata (when no JWKS URI is configured) and fetches the key set once before
   * traffic arrives. An issuer whose metadata names another issuer stops the start-up (`IssuerMismatchError`);
   * metadata or keys that cannot be had are logged at error and fetched again on demand.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.keys) return;
    try {
      if (this.options.jwt.jwksUri === undefined) await this.discover();
      await this.keys.load();
    } catch (err) {
      if (err instanceof IssuerMismatchError) throw err;
      this.logger.error(
        `signing keys could not be had at start-up: ${(err as Error).message}; bearer tokens get 503 until they can`,
      );
    }
  }

  /** The issuer's metadata, read once (again after a failure); narrows the algorithms to what it advertises. */
  private discover(): Promise<IssuerMetadata> {
    this.discovered ??= discoverIssuer(this.options.jwt.issuer, this.options.jwt.jwksTimeoutMs).then(
      (metadata) => {
        this.logger.log(`issuer metadata read from ${metadata.url}: keys at ${metadata.jwksUri}`);
        if (this.options.jwt.algorithmsFromDiscovery && metadata.signingAlgorithms) {
          const advertised = new Set(metadata.signingAlgorithms);
          this.algorithms = new Set(
            this.options.jwt.algorithms.filter((alg) => alg === 'HS256' || advertised.has(alg)),
          );
          if (![...this.algorithms].some((alg) => alg !== 'HS256')) {
            this.logger.error(
              `the issuer advertises no supported asymmetric algorithm (${metadata.signingAlgorithms.join(', ')}); set JWT_ALGORITHMS`,
            );
          }
        }
        return metadata;
      },
      (err: unknown) => {
        this.discovered = undefined;
        if (err instanceof IssuerMismatchError) this.logger.error(err.message);
        throw err;
      },
    );
    return this.discovered;
  }

  onModuleDestroy(): void {
    this.keys?.stop();
  }

  /**
   * The principal of a valid token (from the cache when it was verified before). Throws `TokenRefusedError`
   * or `InvalidClaimsError` for a bad token, `KeySourceUnavailableError` when the keys cannot be had.
   */
  principalOf(token: string): Promise<Principal> {
    return this.cache.getOrVerify(token, async () => {
      const { payload, kid } = await this.verifier.verify(token);
      return { principal: principalFromClaims(payload, this.options.jwt.clientClaim), kid };
    });
  }

  /** Logs (info, rate-limited per reason, never the token) and counts a refused token. */
  refused(reason: string, detail: string): void {
    this.metrics.tokenRefused(reason);
    this.logs.emit(`refused:${reason}`, (n) =>
      this.logger.log(`bearer token refused (${reason}): ${detail}${suppressed(n)}`),
    );
  }

  /** Logs (warn, rate-limited) that the keys could not be had for a request. */
  unavailable(detail: string): void {
    this.logs.emit('unavailable', (n) =>
      this.logger.warn(`bearer token not checked, signing keys unavailable: ${detail}${suppressed(n)}`),
    );
  }
}

function suppressed(n: number): string {
  return n > 0 ? ` (${n} more like it not logged)` : '';
}

function printableKid(kid: unknown): string {
  const text = JSON.stringify(kid ?? null) ?? 'null';
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
