import type { TelemetryBatch, TelemetryResult } from '@concierge/shared/util-contracts';
import type { TelemetryBatchDto } from './telemetry-batch.dto';
import type { TelemetryReceiptView } from './telemetry.view';

/**
 * The batch for the devices service: each reading's `seq`, `ts` and `metrics` exactly as the device sent
 * them (the service dedupes on `seq`), as plain objects.
 */
export function toTelemetryBatch(dto: TelemetryBatchDto): TelemetryBatch {
  return { readings: dto.readings.map(({ seq, ts, metrics }) => ({ seq, ts, metrics: { ...metrics } })) };
}

/** The service's answer for the device. */
export function toTelemetryReceipt(result: TelemetryResult): TelemetryReceiptView {
  return {
    accepted: result.accepted,
    duplicates: result.duplicates,
    duplicateSeqs: result.duplicateSeqs ?? [],
  };
}
