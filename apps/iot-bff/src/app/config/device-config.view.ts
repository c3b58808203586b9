/** Measurement system a device should display and report in. */
export type Units = 'metric' | 'imperial';

/** Alert thresholds: `t` temperature max (°C), `h` relative humidity max (%). */
export class ThresholdsView {
  /** @example 30 */
  t!: number;
  /** @example 80 */
  h!: number;
}

/**
 * `GET /api/v1/config` for a device: short keys, since constrained devices pay for every byte on the air
 * and in RAM (budget: 512 bytes on the wire).
 */
export class DeviceConfigView {
  /** The device's own id, so it can tell it was given its own config. @example "dev-0001" */
  d!: string;
  /** Firmware version the device should run. @example "1.4.2" */
  v!: string;
  /** Report interval, seconds. @example 60 */
  iv!: number;
  /** Alert thresholds: `t` temperature max (°C), `h` relative humidity max (%). */
  th!: ThresholdsView;
  /** Enabled features. @example ["ota"] */
  f!: string[];
  /** When the config last changed (ISO 8601); a device may skip applying an unchanged one. @example "2026-12-01T10:00:00.000Z" */
  u!: string;
  /** The owner's locale (BCP 47), or null when the users service did not answer. @example "en-GB" */
  l!: string | null;
  /** The owner's units, or null when the users service did not answer. @example "metric" */
  un!: Units | null;
  /** Optional parts missing from this answer (empty when complete). @example [] */
  mi!: string[];
}
