export interface DeviceConfig {
  reportIntervalSec: number;
  firmware: string;
  thresholds: { temperatureMaxC: number; humidityMaxPct: number };
  features: string[];
  updatedAt: string;
}

export interface Device {
  id: string;
  ownerId: string;
  model: string;
  name: string;
  location: string;
  config: DeviceConfig;
}

/** One reading; `seq` is the device's own monotonic sequence number, the unit of deduplication. */
export interface TelemetryReading {
  seq: number;
  ts: string;
  metrics: Record<string, number>;
}

/** `POST /devices/:id/telemetry` body and answer. */
export interface TelemetryBatch {
  readings: TelemetryReading[];
}
export interface TelemetryResult {
  accepted: number;
  duplicates: number;
  duplicateSeqs: number[];
}

export interface DeviceCommand {
  id: string;
  deviceId: string;
  name: string;
  args: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
}

/**
 * `POST /device-keys/verify` on the devices service: the gateway presents a key it was given and learns
 * whose it is. Keys are stored only as hashes; the answer never contains key material.
 */
export interface DeviceKeyVerification {
  valid: boolean;
  deviceId?: string;
  keyId?: string;
  scopes?: string[];
}
