/** `PUT /__chaos` on every demo service; any subset of the fields. */
export interface ChaosSettings {
  latencyMs: number;
  errorRate: number;
  down: boolean;
}

/** `GET /__chaos/stats`: calls received since the last reset and what the last one carried. */
export interface ChaosStats {
  total: number;
  byRoute: Record<string, number>;
  last: { method: string; url: string; headers: Record<string, string | string[] | undefined> } | null;
}
