/** The default seed: every start with it serves byte-identical data. */
export const DEFAULT_SEED = 20250601;

/** Seeded timestamps count back from a fixed instant, never from "now", so the data does not drift. */
export const SEED_EPOCH_MS = Date.UTC(2025, 5, 1, 12, 0, 0);

export const DAY_MS = 86_400_000;

export const CURRENCY = 'EUR';

/** Prices are seeded and summed in cents so totals never pick up floating-point dust. */
export function centsToAmount(cents: number): number {
  return Math.round(cents) / 100;
}
