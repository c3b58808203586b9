import type { TelemetryReading } from '@concierge/shared/util-contracts';
import { TelemetryStore } from './telemetry.store';

const reading = (seq: number): TelemetryReading => ({
  seq,
  ts: '2025-06-01T12:00:00Z',
  metrics: { temperatureC: 20 + seq },
});

describe(TelemetryStore.name, () => {
  it('accepts new readings and reports repeated seqs, within and across batches', () => {
    const sut = new TelemetryStore();
    expect(sut.ingest('dev-0001', [reading(1), reading(2), reading(2)])).toEqual({
      accepted: 2,
      duplicates: 1,
      duplicateSeqs: [2],
    });
    expect(sut.ingest('dev-0001', [reading(2), reading(3), reading(1)])).toEqual({
      accepted: 1,
      duplicates: 2,
      duplicateSeqs: [2, 1],
    });
    expect(sut.list('dev-0001', 10)).toEqual({ count: 3, readings: [reading(3), reading(2), reading(1)] });
  });

  it('dedupes per device', () => {
    const sut = new TelemetryStore();
    sut.ingest('dev-0001', [reading(1)]);
    expect(sut.ingest('dev-0002', [reading(1)]).accepted).toBe(1);
  });

  it('keeps only the newest readings and still refuses seqs that fell out of the window', () => {
    const sut = new TelemetryStore(3);
    sut.ingest('dev-0001', [1, 2, 3, 4, 5].map(reading));
    expect(sut.list('dev-0001', 10).readings.map((r) => r.seq)).toEqual([5, 4, 3]);
    expect(sut.ingest('dev-0001', [reading(1), reading(6)])).toEqual({
      accepted: 1,
      duplicates: 1,
      duplicateSeqs: [1],
    });
    expect(sut.list('dev-0001', 10).count).toBe(3);
  });
});
