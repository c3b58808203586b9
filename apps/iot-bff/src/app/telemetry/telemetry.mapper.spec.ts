import type { TelemetryReading } from '@concierge/shared/util-contracts';
import { toTelemetryBatch, toTelemetryReceipt } from './telemetry.mapper';

describe(toTelemetryBatch.name, () => {
  it('passes sequence numbers, timestamps and metrics on untouched', () => {
    const readings: TelemetryReading[] = [
      { seq: 0, ts: '2025-01-01T00:00:00.000Z', metrics: { t: 21.5, h: 40 } },
      { seq: 9007199254740991, ts: '2025-01-01T00:01:00+01:00', metrics: { t: -3 } },
    ];
    const sut = toTelemetryBatch({ readings });
    expect(sut).toEqual({ readings });
  });

  it('carries nothing but the readings (no device id can ride along)', () => {
    const dto = {
      readings: [{ seq: 1, ts: '2025-01-01T00:00:00Z', metrics: { t: 1 } }],
      deviceId: 'dev-0002',
    };
    const sut = toTelemetryBatch(dto);
    expect(Object.keys(sut)).toEqual(['readings']);
    expect(Object.keys(sut.readings[0]).sort()).toEqual(['metrics', 'seq', 'ts']);
  });
});

describe(toTelemetryReceipt.name, () => {
  it('reports accepted and duplicate readings with the duplicate sequence numbers', () => {
    const sut = toTelemetryReceipt({ accepted: 1, duplicates: 2, duplicateSeqs: [3, 4] });
    expect(sut).toEqual({ accepted: 1, duplicates: 2, duplicateSeqs: [3, 4] });
  });
});
