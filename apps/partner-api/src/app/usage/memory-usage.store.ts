import { addField, fieldOf, type UsageDay, type UsageEvent, type UsageStore } from './usage.store';

/** Days kept in process; older ones are dropped as new days arrive. */
const KEEP_DAYS = 35;

/** Usage counted in this process (one replica's share when several run without Redis). */
export class MemoryUsageStore implements UsageStore {
  // day → consumer → field → count
  private readonly days = new Map<string, Map<string, Map<string, number>>>();

  record(event: UsageEvent): void {
    let day = this.days.get(event.day);
    if (!day) {
      this.days.set(event.day, (day = new Map()));
      for (const old of [...this.days.keys()].sort().slice(0, Math.max(0, this.days.size - KEEP_DAYS)))
        this.days.delete(old);
    }
    let fields = day.get(event.consumer);
    if (!fields) day.set(event.consumer, (fields = new Map()));
    const field = fieldOf(event);
    fields.set(field, (fields.get(field) ?? 0) + 1);
  }

  async read(days: readonly string[], consumer?: string): Promise<UsageDay[]> {
    const out: UsageDay[] = [];
    for (const day of days) {
      for (const [id, fields] of this.days.get(day) ?? []) {
        if (consumer !== undefined && id !== consumer) continue;
        const entry: UsageDay = { consumer: id, day, operations: {} };
        for (const [field, count] of fields) addField(entry, field, count);
        out.push(entry);
      }
    }
    return out;
  }
}
