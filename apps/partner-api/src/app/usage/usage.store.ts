/** One counted answer: which consumer, which operation (`GET /v1/products`), which status class, which UTC day. */
export interface UsageEvent {
  consumer: string;
  operation: string;
  statusClass: '2xx' | '3xx' | '4xx' | '5xx';
  day: string;
}

/** A consumer's counts for one day: by operation, then by status class. */
export interface UsageDay {
  consumer: string;
  day: string;
  operations: Record<string, Partial<Record<UsageEvent['statusClass'], number>>>;
}

/**
 * Where usage is counted. `record` never rejects (usage is reporting, not enforcement: a lost count must
 * not fail a request); `read` answers the days asked for, for one consumer or, without one, for all.
 */
export interface UsageStore {
  record(event: UsageEvent): void;
  read(days: readonly string[], consumer?: string): Promise<UsageDay[]>;
}

/** The UTC day (`2026-12-01`) of a timestamp. */
export function utcDay(ms: number): string {
  // Asked on every answered request: the last day's name is kept (a UTC day is 86,400,000 ms in JS time).
  if (ms < lastDay.from || ms >= lastDay.from + DAY_MS) {
    const from = Math.floor(ms / DAY_MS) * DAY_MS;
    lastDay = { from, name: new Date(from).toISOString().slice(0, 10) };
  }
  return lastDay.name;
}
const DAY_MS = 86_400_000;
let lastDay = { from: -Infinity, name: '' };

/** `<operation> <statusClass>`, the field a count is stored under; the operation never contains a space twice. */
export function fieldOf(event: Pick<UsageEvent, 'operation' | 'statusClass'>): string {
  return `${event.operation} ${event.statusClass}`;
}

/** Adds one stored field's count into a day. */
export function addField(day: UsageDay, field: string, count: number): void {
  const cut = field.lastIndexOf(' ');
  const operation = field.slice(0, cut);
  const statusClass = field.slice(cut + 1) as UsageEvent['statusClass'];
  const counts = (day.operations[operation] ??= {});
  counts[statusClass] = (counts[statusClass] ?? 0) + count;
}
