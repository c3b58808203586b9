import type { TelemetryReading, TelemetryResult } from '@concierge/shared/util-contracts';

interface DeviceTelemetry {
  /** Oldest first; the dedupe window is exactly what is stored. */
  readings: TelemetryReading[];
  seen: Set<number>;
  /** Highest seq evicted from the window: anything at or below it is too old to tell apart, so treated as seen. */
  evictedUpTo: number;
}

/**
 * Telemetry kept per device, deduplicated by (device, seq), so a device retrying a batch after a lost
 * answer never doubles a reading. Bounded: the newest `maxPerDevice` readings are kept.
 */
export class TelemetryStore {
  private readonly devices = new Map<string, DeviceTelemetry>();

  constructor(private readonly maxPerDevice = 10_000) {}

  ingest(deviceId: string, readings: readonly TelemetryReading[]): TelemetryResult {
    const state = this.stateOf(deviceId);
    const duplicateSeqs: number[] = [];
    let accepted = 0;
    for (const reading of readings) {
      if (state.seen.has(reading.seq) || reading.seq <= state.evictedUpTo) {
        duplicateSeqs.push(reading.seq);
        continue;
      }
      state.seen.add(reading.seq);
      state.readings.push({ seq: reading.seq, ts: reading.ts, metrics: { ...reading.metrics } });
      accepted += 1;
    }
    this.trim(state);
    return { accepted, duplicates: duplicateSeqs.length, duplicateSeqs };
  }

  /** Newest first (by arrival), with the number stored. */
  list(deviceId: string, limit: number): { count: number; readings: TelemetryReading[] } {
    const stored = this.devices.get(deviceId)?.readings ?? [];
    return { count: stored.length, readings: stored.slice(-limit).reverse() };
  }

  private stateOf(deviceId: string): DeviceTelemetry {
    let state = this.devices.get(deviceId);
    if (!state) {
      state = { readings: [], seen: new Set(), evictedUpTo: -1 };
      this.devices.set(deviceId, state);
    }
    return state;
  }

  private trim(state: DeviceTelemetry): void {
    const excess = state.readings.length - this.maxPerDevice;
    if (excess <= 0) return;
    for (const evicted of state.readings.splice(0, excess)) {
      state.seen.delete(evicted.seq);
      state.evictedUpTo = Math.max(state.evictedUpTo, evicted.seq);
    }
  }
}
