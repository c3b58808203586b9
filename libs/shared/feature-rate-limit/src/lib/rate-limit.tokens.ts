/** The validated, parsed module options (`ResolvedRateLimitOptions`). */
export const RATE_LIMIT_OPTIONS = Symbol('RATE_LIMIT_OPTIONS');
