/** Measurement system a device should display and report in. */
export type Units = 'metric' | 'imperial';

/**
 * `GET /api/v1/config` for a device: short keys, since constrained devices pay for every byte on the air
 * and in RAM (budget: 512 bytes on the wire).
 */
export interface DeviceConfigView {
  /** The device's own id, so it can tell it was given its own config. */
  d: string;
  /** Firmware version the device should run. */
  v: string;
  /** Report interval, seconds. */
  iv: number;
  /** Alert thresholds: `t` temperature max (°C), `h` relative humidity max (%). */
  th: { t: number; h: number };
  /** Enabled features. */
  f: string[];
  /** When the config last changed (ISO 8601); a device may skip applying an unchanged one. */
  u: string;
  /** The owner's locale (BCP 47), or null when the users service did not answer. */
  l: string | null;
  /** The owner's units, or null when the users service did not answer. */
  un: Units | null;
  /** Optional parts missing from this answer (empty when complete). */
  mi: string[];
}
