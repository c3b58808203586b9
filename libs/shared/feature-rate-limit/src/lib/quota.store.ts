import type { QuotaDecision, QuotaPolicy } from './quota';

/**
 * Where quota counters live. `consume` counts one request in the current calendar window only when the
 * quota allows it (a refused request is not counted, so the count is exactly the requests served);
 * `peek` reads without counting. Both reject with `RateLimitStoreUnavailableError` when the store cannot
 * be asked.
 */
export interface QuotaStore {
  readonly kind: string;
  consume(key: string, policy: QuotaPolicy, cost?: number): Promise<QuotaDecision>;
  peek(key: string, policy: QuotaPolicy): Promise<QuotaDecision>;
  close(): Promise<void>;
}
