export { RateLimitModule } from './lib/rate-limit.module';
export {
  RATE_LIMIT_MODULE_OPTIONS,
  RATE_LIMIT_OPTIONS_TYPE,
  RATE_LIMIT_ASYNC_OPTIONS_TYPE,
} from './lib/rate-limit.module-definition';
export {
  resolveRateLimitOptions,
  toPolicies,
  type RateLimitModuleOptions,
  type ResolvedRateLimitOptions,
  type RateLimitKeyBy,
  type RateLimitPolicyInput,
  type RateLimitPolicySpec,
  type ReadinessRegistry,
} from './lib/rate-limit.options';
export { RATE_LIMIT_OPTIONS } from './lib/rate-limit.tokens';
export { RateLimit, SkipRateLimit, type RateLimitRouteOptions } from './lib/rate-limit.decorator';
export { RateLimitGuard } from './lib/rate-limit.guard';
export { RateLimiter, type RateLimiterOptions, type RateLimitFailMode } from './lib/rate-limiter';
export {
  gcra,
  emissionInterval,
  type RateLimitPolicy,
  type PolicyDecision,
  type RateLimitDecision,
} from './lib/gcra';
export {
  parseRateLimitPolicies,
  validateRateLimitPolicies,
  InvalidRateLimitPolicyError,
} from './lib/policy.parser';
export { type RateLimitStore, RateLimitStoreUnavailableError } from './lib/rate-limit.store';
export { MemoryRateLimitStore, type MemoryStoreOptions } from './lib/memory.store';
export { RedisRateLimitStore, type RedisStoreOptions } from './lib/redis.store';
export {
  rateLimitHeaders,
  rateLimitHeader,
  rateLimitPolicyHeader,
  RATE_LIMIT_HEADER,
  RATE_LIMIT_POLICY_HEADER,
} from './lib/rate-limit-headers';
export { rateLimitRejection } from './lib/rate-limit.problem';
export { clientIp, TrustedProxies, type ForwardedHeader } from './lib/client-ip';
export { callerKey } from './lib/caller-key';
export { RATE_LIMIT_DECISIONS_METRIC, type RateLimitOutcome } from './lib/rate-limit.metrics';
export {
  quotaWindow,
  quotaDecision,
  quotaWindowSecOf,
  asPolicyDecision,
  type QuotaPeriod,
  type QuotaPolicy,
  type QuotaWindow,
  type QuotaDecision,
} from './lib/quota';
export type { QuotaStore } from './lib/quota.store';
export { MemoryQuotaStore, type MemoryQuotaStoreOptions } from './lib/memory-quota.store';
export { RedisQuotaStore, type RedisQuotaStoreOptions } from './lib/redis-quota.store';
