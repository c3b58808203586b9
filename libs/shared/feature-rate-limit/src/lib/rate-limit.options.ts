import type { Registry } from 'prom-client';
import type { RateLimitPolicy } from './gcra';
import { TrustedProxies, type ForwardedHeader } from './client-ip';
import { parseRateLimitPolicies, validateRateLimitPolicies } from './policy.parser';
import type { RateLimitFailMode } from './rate-limiter';
import type { RateLimitStore } from './rate-limit.store';

/** Whom a bucket belongs to. `user`, `device` and `client` fall back to any other verified identity, then the IP. */
export type RateLimitKeyBy = 'user' | 'device' | 'client' | 'ip';

/** A policy given as an object; `burst` defaults to `limit`. */
export type RateLimitPolicyInput = Omit<RateLimitPolicy, 'burst'> & { burst?: number };

/** Policies as a string (`burst:20/1s;sustained:600/60s`, `600/60s,burst=50`, `off`) or as objects. */
export type RateLimitPolicySpec = string | readonly RateLimitPolicyInput[];

/** Anything that takes readiness checks, e.g. the gateway core's `ReadinessService`. */
export interface ReadinessRegistry {
  /** `required: false`: a failing check reports the process degraded, not unready. */
  register(name: string, check: () => Promise<boolean> | boolean, options?: { required?: boolean }): void;
}

/** `RateLimitModule.forRoot(Async)` options. Nothing here is read from the environment by the library. */
export interface RateLimitModuleOptions {
  /**
   * The policies of every route that names none. The app passes `RATE_LIMIT_DEFAULT` when set, else its
   * own configured value; `off` leaves such routes unlimited.
   */
  default: RateLimitPolicySpec;
  /** Shared buckets in Redis (all replicas hold one limit); unset: in-process buckets. */
  redisUrl?: string;
  /** Shared buckets in a Redis Cluster (seed `host:port`s); wins over `redisUrl`, whose credentials it uses. */
  redisClusterNodes?: readonly string[];
  /** When Redis cannot be asked: `open` (default) lets requests through, `closed` answers 503. */
  failMode?: RateLimitFailMode;
  /** The gateway's default bucket owner (default `user`; IoT gateways use `device`). */
  keyBy?: RateLimitKeyBy;
  /** Proxies (IPs, CIDRs) whose forwarding header is believed for the client IP. None by default. */
  trustedProxies?: readonly string[];
  /** The header those proxies maintain. Default `x-forwarded-for`. */
  forwardedHeader?: ForwardedHeader;
  /** Prefix of every Redis key. Default `rl:`. */
  prefix?: string;
  /** Bound of the in-process store, in keys. Default 100 000. */
  maxKeys?: number;
  /** How long a decision may wait for Redis, in ms. Default 250. */
  redisCommandTimeoutMs?: number;
  /** Where the decision counter is registered (default: prom-client's default registry). */
  registry?: Registry;
  /**
   * Gets a `rate-limit-redis` check when the Redis store is used (pass the gateway core's `ReadinessService`):
   * required in `closed` mode (the process refuses traffic without Redis), only degrading in `open` mode.
   */
  readiness?: ReadinessRegistry;
  /** A store of your own, instead of the memory or Redis one. */
  store?: RateLimitStore;
}

/** The options, validated and parsed once at start-up. */
export interface ResolvedRateLimitOptions extends Omit<RateLimitModuleOptions, 'default' | 'trustedProxies'> {
  defaultPolicies: readonly RateLimitPolicy[];
  keyBy: RateLimitKeyBy;
  trustedProxies: TrustedProxies;
  forwardedHeader: ForwardedHeader;
}

const KEY_BY: readonly RateLimitKeyBy[] = ['user', 'device', 'client', 'ip'];

/** Policies from a string or objects, validated; throws naming the input. */
export function toPolicies(spec: RateLimitPolicySpec): RateLimitPolicy[] {
  return typeof spec === 'string' ? parseRateLimitPolicies(spec) : validateRateLimitPolicies(spec);
}

/** Validates every option (throwing an error that names the bad one) and parses what needs parsing. */
export function resolveRateLimitOptions(options: RateLimitModuleOptions): ResolvedRateLimitOptions {
  const { keyBy = 'user', failMode = 'open', forwardedHeader = 'x-forwarded-for' } = options;
  if (options.default === undefined)
    throw new Error('RateLimitModule: option "default" is required (e.g. "600/60s" or "off")');
  if (!KEY_BY.includes(keyBy))
    throw new Error(`RateLimitModule: keyBy "${keyBy}" is not one of ${KEY_BY.join(', ')}`);
  if (failMode !== 'open' && failMode !== 'closed') {
    throw new Error(`RateLimitModule: failMode "${failMode}" is not "open" or "closed"`);
  }
  if (forwardedHeader !== 'x-forwarded-for' && forwardedHeader !== 'forwarded') {
    throw new Error(
      `RateLimitModule: forwardedHeader "${forwardedHeader}" is not "x-forwarded-for" or "forwarded"`,
    );
  }
  if (options.redisUrl !== undefined && !/^rediss?:\/\//.test(options.redisUrl)) {
    throw new Error(`RateLimitModule: redisUrl is not a redis:// or rediss:// URL`);
  }
  return {
    ...options,
    failMode,
    keyBy,
    forwardedHeader,
    defaultPolicies: toPolicies(options.default),
    trustedProxies: new TrustedProxies(options.trustedProxies ?? []),
  };
}
