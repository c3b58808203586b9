import { demoServiceEnvironment } from '@concierge/shared/util-contracts';
import { loadDemoConfig } from './config/demo-config';
import { startDemoServices } from './demo-services';

function main(): void {
  const config = loadDemoConfig();
  const starting = startDemoServices(config);

  // Installed before start-up finishes: a SIGTERM while RSA keys are still being generated is still clean.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    starting
      .then((running) => running.close())
      .then(
        () => process.exit(0),
        (err) => {
          process.stderr.write(`demo-services: error while stopping on ${signal}: ${err}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  starting.then(
    (running) => {
      // The one line on stdout: test helpers and `npm start` wait for it and read the URLs (and the
      // variables a gateway reads them from) from it.
      const line = {
        event: 'listening',
        services: running.urls,
        environment: demoServiceEnvironment(running.urls),
      };
      if (!stopping) process.stdout.write(`${JSON.stringify(line)}\n`);
    },
    (err: Error) => {
      process.stderr.write(`demo-services: failed to start: ${err.message}\n`);
      process.exit(1);
    },
  );
}

try {
  main();
} catch (err) {
  process.stderr.write(`demo-services: ${(err as Error).message}\n`);
  process.exit(1);
}
