/** What a device learns about its batch: enough to drop it from its buffer, whatever the mix. */
export class TelemetryReceiptView {
  /** Readings stored now. */
  accepted!: number;
  /** Readings already stored (a retry), ignored. */
  duplicates!: number;
  /** Their sequence numbers. */
  duplicateSeqs!: number[];
}
