import type { ChaosSettings, ChaosStats } from '@concierge/shared/util-contracts';

const DEFAULT_CHAOS: Readonly<ChaosSettings> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  down: false,
});

const MAX_LATENCY_MS = 120_000;

/** What to do with one API call under the current settings. */
export interface ChaosDecision {
  delayMs: number;
  /** Why the call is answered 503, or null to serve it. */
  reject: 'down' | 'error-rate' | null;
}

/** A problem with a PUT /__chaos body, naming the field. */
export interface ChaosSettingsError {
  field: string;
  message: string;
}

/** Validates a `PUT /__chaos` body: any subset of the three fields, nothing else. */
export function parseChaosSettings(
  body: unknown,
): { settings: Partial<ChaosSettings> } | { errors: ChaosSettingsError[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { errors: [{ field: '', message: 'must be a JSON object' }] };
  }
  const errors: ChaosSettingsError[] = [];
  const settings: Partial<ChaosSettings> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'latencyMs') {
      if (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_LATENCY_MS)
        settings.latencyMs = value as number;
      else errors.push({ field: key, message: `must be an integer from 0 to ${MAX_LATENCY_MS}` });
    } else if (key === 'errorRate') {
      if (typeof value === 'number' && value >= 0 && value <= 1) settings.errorRate = value;
      else errors.push({ field: key, message: 'must be a number from 0 to 1' });
    } else if (key === 'down') {
      if (typeof value === 'boolean') settings.down = value;
      else errors.push({ field: key, message: 'must be a boolean' });
    } else {
      errors.push({ field: key, message: 'is not a chaos setting (latencyMs, errorRate, down)' });
    }
  }
  return errors.length ? { errors } : { settings };
}

/** One service's switches and call counters. */
export class ChaosState {
  private current: ChaosSettings = { ...DEFAULT_CHAOS };
  private total = 0;
  private byRoute: Record<string, number> = {};
  private last: ChaosStats['last'] = null;

  constructor(private readonly random: () => number = Math.random) {}

  get settings(): ChaosSettings {
    return { ...this.current };
  }

  update(changes: Partial<ChaosSettings>): ChaosSettings {
    this.current = { ...this.current, ...changes };
    return this.settings;
  }

  reset(): ChaosSettings {
    this.current = { ...DEFAULT_CHAOS };
    return this.settings;
  }

  /** Counts a call, whatever happens to it next: a test must see that a call reached the service. */
  record(route: string, call: NonNullable<ChaosStats['last']>): void {
    this.total += 1;
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
    this.last = call;
  }

  stats(): ChaosStats {
    return { total: this.total, byRoute: { ...this.byRoute }, last: this.last };
  }

  resetStats(): void {
    this.total = 0;
    this.byRoute = {};
    this.last = null;
  }

  decide(): ChaosDecision {
    const { latencyMs, errorRate, down } = this.current;
    if (down) return { delayMs: latencyMs, reject: 'down' };
    // Draw only when needed, so the default settings cost no randomness on the hot path.
    const failed = errorRate > 0 && (errorRate >= 1 || this.random() < errorRate);
    return { delayMs: latencyMs, reject: failed ? 'error-rate' : null };
  }
}
