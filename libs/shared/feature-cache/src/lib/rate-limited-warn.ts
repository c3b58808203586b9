/** Something that can log a warning (a Nest `Logger`, pino, the console). */
export interface WarnLogger {
  warn(message: string): void;
}

/**
 * A warning at most once per `intervalMs`, counting what it held back: a store that is down fails every
 * request, and one line per request would drown the log.
 */
export function rateLimitedWarn(
  logger: WarnLogger,
  intervalMs: number,
  clock: () => number,
): (message: string) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (message) => {
    const now = clock();
    if (now - last < intervalMs) {
      suppressed += 1;
      return;
    }
    logger.warn(suppressed ? `${message} (${suppressed} more since the last report)` : message);
    last = now;
    suppressed = 0;
  };
}
