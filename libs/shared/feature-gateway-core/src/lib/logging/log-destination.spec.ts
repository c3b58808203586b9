import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { eventually } from '@concierge/shared/util-testing';
import { logDestination } from './log-destination';
import { pinoOptions } from './pino-options';

describe(logDestination.name, () => {
  it('loses no access-log line written in a burst, each one whole, in order', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-destination-')), 'out.log');
    const destination = logDestination(file) as pino.DestinationStream &
      NodeJS.EventEmitter & { end(): void };
    await once(destination, 'ready');
    const logger = pino(pinoOptions('test', 'info'), destination);
    for (let i = 0; i < 5_000; i++)
      logger.info({ method: 'GET', url: `/r/${i}`, status: 200 }, 'request completed');
    destination.end();
    await once(destination, 'close');
    const lines = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5_000);
    expect(lines.map((line) => line.url)).toEqual(Array.from({ length: 5_000 }, (_, i) => `/r/${i}`));
  });

  it("writes a quiet gateway's single line within a moment, though lines go out in batches", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-destination-')), 'out.log');
    const destination = logDestination(file) as pino.DestinationStream &
      NodeJS.EventEmitter & { end(): void };
    await once(destination, 'ready');
    const logger = pino(pinoOptions('test', 'info'), destination);

    logger.info({ method: 'GET', url: '/alone', status: 200 }, 'request completed');

    await eventually(async () => readFileSync(file, 'utf8').includes('/alone'), 2_000, 20);
    destination.end();
    await once(destination, 'close');
  });
});
