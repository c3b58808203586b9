/**
 * Makes a completed graceful shutdown end the process with status 0.
 *
 * Why: Nest's shutdown hooks (enabled by the gateway core without `useProcessExit`) end by removing their
 * listener and re-raising the signal, so even a clean drain ends "killed by SIGTERM" (status 143), which
 * supervisors report as a crash. The re-raised signal lands here once Nest's listener is gone, and only
 * then — a second signal sent during the drain still finds Nest's listener and is ignored, as Nest does.
 * Remove when the gateway core passes `{ useProcessExit: true }` to `enableShutdownHooks`.
 */
export function exitZeroAfterShutdown(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
  for (const signal of signals) {
    process.on(signal, () => {
      if (process.listenerCount(signal) === 1) process.exit(0);
    });
  }
}
