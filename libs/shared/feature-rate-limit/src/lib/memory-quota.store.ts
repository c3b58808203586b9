import { LRUCache } from 'lru-cache';
import { quotaDecision, quotaWindow, type QuotaDecision, type QuotaPolicy } from './quota';
import type { QuotaStore } from './quota.store';

export interface MemoryQuotaStoreOptions {
  /** The most counters (callers × policies) kept. Default 100 000. */
  maxKeys?: number;
  /** Wall-clock milliseconds (calendar windows need the date); tests inject their own. */
  clock?: () => number;
}

interface Counter {
  readonly window: string;
  used: number;
}

/** Quota counters in this process: exact for one replica; each replica counts its own share otherwise. */
export class MemoryQuotaStore implements QuotaStore {
  readonly kind = 'memory';
  private readonly counters: LRUCache<string, Counter>;
  private readonly clock: () => number;

  constructor({ maxKeys = 100_000, clock = Date.now }: MemoryQuotaStoreOptions = {}) {
    this.counters = new LRUCache<string, Counter>({ max: maxKeys });
    this.clock = clock;
  }

  async consume(key: string, policy: QuotaPolicy, cost = 1): Promise<QuotaDecision> {
    const now = this.clock();
    const window = quotaWindow(policy.period, now);
    const id = `${key}:${policy.name}`;
    let counter = this.counters.get(id);
    if (!counter || counter.window !== window.id)
      this.counters.set(id, (counter = { window: window.id, used: 0 }));
    const allowed = counter.used + cost <= policy.limit;
    if (allowed) counter.used += cost;
    return quotaDecision(policy, window, now, counter.used, allowed);
  }

  async peek(key: string, policy: QuotaPolicy): Promise<QuotaDecision> {
    const now = this.clock();
    const window = quotaWindow(policy.period, now);
    const counter = this.counters.get(`${key}:${policy.name}`);
    const used = counter?.window === window.id ? counter.used : 0;
    return quotaDecision(policy, window, now, used, used < policy.limit);
  }

  async close(): Promise<void> {
    this.counters.clear();
  }
}
