import { Logger } from '@nestjs/common';
import type { RedisConnection } from '@concierge/shared/data-access-redis';
import { addField, fieldOf, type UsageDay, type UsageEvent, type UsageStore } from './usage.store';

/** Usage is kept this long in Redis, so a month can always be read back. */
const TTL_SEC = 35 * 86_400;
/** How long a replica trusts that a day's key has its TTL and its consumer is in the day's set. */
const REGISTER_AGAIN_AFTER_MS = 3_600_000;
const MAX_REGISTERED_KEYS = 100_000;

/**
 * Usage in Redis (a server or a Cluster), shared by every replica: one hash per consumer and day
 * (`<prefix>{<consumer>}:<day>`, field `<operation> <class>`), and per day a set of the consumers seen, for
 * the operators' view. Each transaction touches one key, so a Cluster never refuses one as CROSSSLOT; the
 * connection fails fast (a lost count while Redis is away is logged, never a failed request).
 *
 * A count is one `HINCRBY` (auto-pipelined with the other requests' commands). The TTLs and the day's set
 * of consumers are written by a replica's first count of a consumer's day, and again an hour later, not
 * on every request: that was two transactions, eight commands, per request. A key that Redis lost meanwhile
 * (a flush, a failover without persistence) gets its TTL and its place in the day's set back within the hour.
 */
export class RedisUsageStore implements UsageStore {
  private readonly logger = new Logger(RedisUsageStore.name);
  private lastWarning = -Infinity;
  /** Usage keys registered (TTL set, consumer in the day's set), until when. */
  private readonly registeredUntil = new Map<string, number>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  record(event: UsageEvent): void {
    const key = this.keyOf(event.consumer, event.day);
    const field = fieldOf(event);
    const now = Date.now();
    if ((this.registeredUntil.get(key) ?? 0) > now) {
      this.redis.run((client) => client.hincrby(key, field, 1)).catch((error: Error) => this.warn(error));
      return;
    }
    const seen = `${this.prefix}consumers:${event.day}`;
    this.redis
      .run((client) =>
        Promise.all([
          client.multi().hincrby(key, field, 1).expire(key, TTL_SEC).exec(),
          client.multi().sadd(seen, event.consumer).expire(seen, TTL_SEC).exec(),
        ]),
      )
      .then(() => this.registered(key, now))
      .catch((error: Error) => this.warn(error));
  }

  /** Remembers that `key` has its TTL and its consumer is in the day's set, for an hour. */
  private registered(key: string, now: number): void {
    // A key per consumer and day: a bound, not an eviction policy (losing the memo costs one transaction).
    if (this.registeredUntil.size >= MAX_REGISTERED_KEYS) this.registeredUntil.clear();
    this.registeredUntil.set(key, now + REGISTER_AGAIN_AFTER_MS);
  }

  async read(days: readonly string[], consumer?: string): Promise<UsageDay[]> {
    const out: UsageDay[] = [];
    for (const day of days) {
      const consumers =
        consumer !== undefined
          ? [consumer]
          : (await this.redis.run((client) => client.smembers(`${this.prefix}consumers:${day}`))).sort();
      for (const id of consumers) {
        const fields = await this.redis.run((client) => client.hgetall(this.keyOf(id, day)));
        if (Object.keys(fields).length === 0) continue;
        const entry: UsageDay = { consumer: id, day, operations: {} };
        for (const [field, count] of Object.entries(fields)) addField(entry, field, Number(count));
        out.push(entry);
      }
    }
    return out;
  }

  private keyOf(consumer: string, day: string): string {
    return `${this.prefix}{${consumer}}:${day}`;
  }

  private warn(error: Error): void {
    const now = performance.now();
    if (now - this.lastWarning < 10_000) return;
    this.lastWarning = now;
    this.logger.warn(`usage not counted, Redis unavailable: ${error.message}`);
  }
}
