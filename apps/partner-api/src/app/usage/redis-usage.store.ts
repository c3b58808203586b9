import { Logger } from '@nestjs/common';
import type { RedisConnection } from '@concierge/shared/data-access-redis';
import { addField, fieldOf, type UsageDay, type UsageEvent, type UsageStore } from './usage.store';

/** Usage is kept this long in Redis, so a month can always be read back. */
const TTL_SEC = 35 * 86_400;

/**
 * Usage in Redis (a server or a Cluster), shared by every replica: one hash per consumer and day
 * (`<prefix>{<consumer>}:<day>`, field `<operation> <class>`), and per day a set of the consumers seen, for
 * the operators' view. Each transaction touches one key, so a Cluster never refuses one as CROSSSLOT; the
 * connection fails fast (a lost count while Redis is away is logged, never a failed request).
 */
export class RedisUsageStore implements UsageStore {
  private readonly logger = new Logger(RedisUsageStore.name);
  private lastWarning = -Infinity;

  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  record(event: UsageEvent): void {
    const key = this.keyOf(event.consumer, event.day);
    const seen = `${this.prefix}consumers:${event.day}`;
    this.redis
      .run((client) =>
        Promise.all([
          client.multi().hincrby(key, fieldOf(event), 1).expire(key, TTL_SEC).exec(),
          client.multi().sadd(seen, event.consumer).expire(seen, TTL_SEC).exec(),
        ]),
      )
      .catch((error: Error) => this.warn(error));
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
