import { loadDemoConfig } from './config/demo-config';
import { startDemoServices } from './demo-services';

async function main(): Promise<void> {
  const config = loadDemoConfig();
  const running = await startDemoServices(config);
  // The one line on stdout: test helpers and `npm start` wait for it and read the URLs from it.
  process.stdout.write(`${JSON.stringify({ event: 'listening', services: running.urls })}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`demo-services: error while stopping on ${signal}: ${err}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: Error) => {
  process.stderr.write(`demo-services: failed to start: ${err.message}\n`);
  process.exit(1);
});
