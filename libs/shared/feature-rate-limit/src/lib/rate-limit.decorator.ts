import { SetMetadata } from '@nestjs/common';
import type { RateLimitPolicy } from './gcra';
import { toPolicies, type RateLimitKeyBy, type RateLimitPolicySpec } from './rate-limit.options';

export const RATE_LIMIT_METADATA = 'concierge:rate-limit';
export const SKIP_RATE_LIMIT_METADATA = 'concierge:skip-rate-limit';

/** `@RateLimit({...})`: policies, and optionally whom the bucket belongs to and which bucket it is. */
export interface RateLimitRouteOptions {
  /** The route's policies; omitted: the module's default policies (e.g. to change only `keyBy`). */
  policies?: RateLimitPolicySpec;
  /** Overrides the module's `keyBy` for this route or controller. */
  keyBy?: RateLimitKeyBy;
  /**
   * Names the bucket. By default a method's decorator gives it a bucket of its own
   * (`Controller.method`), a controller's decorator one bucket shared by its methods (`Controller`);
   * routes on the module's default share one gateway-wide bucket (`default`).
   */
  bucket?: string;
}

/** What the decorator stores; parsed when the class is declared, so a bad policy stops start-up. */
export interface RateLimitMetadata {
  readonly policies?: readonly RateLimitPolicy[];
  readonly keyBy?: RateLimitKeyBy;
  readonly bucket?: string;
}

/**
 * Limits a route (on a method) or every route of a controller, instead of the module's default:
 * `@RateLimit('burst:5/1s;sustained:100/60s')`, `@RateLimit({ policies: '10/1m', keyBy: 'ip' })`.
 * A method's decorator wins over its controller's. `@RateLimit('off')` lifts the limit.
 */
export function RateLimit(
  spec: RateLimitPolicySpec | RateLimitRouteOptions,
): ClassDecorator & MethodDecorator {
  const options: RateLimitRouteOptions =
    typeof spec === 'string' || Array.isArray(spec)
      ? { policies: spec as RateLimitPolicySpec }
      : (spec as RateLimitRouteOptions);
  const metadata: RateLimitMetadata = {
    policies: options.policies === undefined ? undefined : toPolicies(options.policies),
    keyBy: options.keyBy,
    bucket: options.bucket,
  };
  return SetMetadata(RATE_LIMIT_METADATA, metadata);
}

/**
 * Exempts a route or a whole controller from rate limiting: no decision, no headers. Public plumbing
 * (`/health/*`, `/metrics`) carries it; the gateway core marks its health controller so.
 */
export const SkipRateLimit = (): ClassDecorator & MethodDecorator =>
  SetMetadata(SKIP_RATE_LIMIT_METADATA, true);
