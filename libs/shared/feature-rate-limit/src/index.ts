export { RateLimitModule } from './lib/rate-limit.module';
export {
  toPolicies,
  type RateLimitModuleOptions,
  type ResolvedRateLimitOptions,
  type RateLimitKeyBy,
} from './lib/rate-limit.options';
export { RATE_LIMIT_OPTIONS } from './lib/rate-limit.tokens';
export { RateLimit, SkipRateLimit } from './lib/rate-limit.decorator';
export { RateLimiter } from './lib/rate-limiter';
export { type RateLimitPolicy, type PolicyDecision } from './lib/gcra';
export { parseRateLimitPolicies } from './lib/policy.parser';
export { type RateLimitStore, RateLimitStoreUnavailableError } from './lib/rate-limit.store';
export { MemoryRateLimitStore } from './lib/memory.store';
export { RedisRateLimitStore } from './lib/redis.store';
export {
  rateLimitHeaders,
  rateLimitHeader,
  rateLimitPolicyHeader,
  RATE_LIMIT_HEADER,
  RATE_LIMIT_POLICY_HEADER,
} from './lib/rate-limit-headers';
export { rateLimitRejection } from './lib/rate-limit.problem';
export { clientIp } from './lib/client-ip';
export { callerKey } from './lib/caller-key';
export { RATE_LIMIT_DECISIONS_METRIC } from './lib/rate-limit.metrics';
export { quotaWindowSecOf, asPolicyDecision, type QuotaPolicy, type QuotaDecision } from './lib/quota';
export type { QuotaStore } from './lib/quota.store';
export { MemoryQuotaStore } from './lib/memory-quota.store';
export { RedisQuotaStore } from './lib/redis-quota.store';
