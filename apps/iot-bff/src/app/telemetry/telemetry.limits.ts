/** Readings one batch may carry: a device buffering offline sends in chunks of at most this many. */
export const MAX_READINGS_PER_BATCH = 500;

/** Bytes one batch may take on the wire (413 past it); 500 generous readings fit with room to spare. */
export const TELEMETRY_BODY_LIMIT_BYTES = 256 * 1024;

/** Metrics one reading may carry (the devices service accepts no more). */
export const MAX_METRICS_PER_READING = 64;
