// Preloaded into the reference proxies when profiling: a plain exit on SIGTERM, so `--cpu-prof` writes
// its profile (a process killed by the signal writes none).
process.once('SIGTERM', () => process.exit(0));
