import fs, { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import pino from 'pino';
import { eventually } from '@concierge/shared/util-testing';
import { logDestination, type LogDestinationOptions } from './log-destination';
import { pinoOptions } from './pino-options';

/** Long enough that a line seen within a test's bounded wait was not written by the timer. */
const NEVER_MS = 60_000;

/**
 * A logger writing to a new file through `logDestination`. By default to a descriptor opened beforehand,
 * as stdout is: the destination can write at once. `byPath`: the destination opens the file itself.
 */
function logToFile(options?: LogDestinationOptions, { byPath = false } = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'log-destination-')), 'out.log');
  const fd = byPath ? undefined : openSync(file, 'a');
  const destination = logDestination(fd ?? file, options);
  const logger = pino(pinoOptions('test', 'info'), destination);
  const lines = () =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: string; msg: string; url?: string });
  /** The asynchronous writes to this file so far (`fs.write` spied on before the call). */
  const writes = () => jest.mocked(fs.write).mock.calls.filter(([to]) => to === fd).length;
  return { destination, logger, lines, writes };
}

const access = (url: string) => [{ method: 'GET', url, status: 200 }, 'request completed'] as const;

describe(logDestination.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('loses no access-log line written in a burst, each one whole, in order', async () => {
    // Written while the file is still being opened, too.
    const { destination, logger, lines } = logToFile({}, { byPath: true });
    for (let i = 0; i < 5_000; i++) logger.info(...access(`/r/${i}`));
    await destination.end();
    expect(lines()).toHaveLength(5_000);
    expect(lines().map((line) => line.url)).toEqual(Array.from({ length: 5_000 }, (_, i) => `/r/${i}`));
  });

  it('writes info lines in batches of 4 KB, not one write per line, though they come one by one', async () => {
    jest.spyOn(fs, 'write');
    const { destination, logger, lines, writes } = logToFile({ flushAfterMs: NEVER_MS });
    // Apart in time, as a gateway's requests are: each line alone would find the last write done.
    for (let i = 0; i < 50; i++) {
      logger.info(...access(`/r/${i}`));
      await setTimeout(1);
    }
    await destination.end();
    expect(lines()).toHaveLength(50);
    // ~6 KB of lines: one write of the first 4 KB, and the rest at the end.
    expect(writes()).toBe(2);
  });

  it("writes a quiet gateway's single line within a moment, though lines go out in batches", async () => {
    const { destination, logger, lines } = logToFile();
    logger.info(...access('/alone'));
    await eventually(async () => lines().some((line) => line.url === '/alone'), 2_000, 20);
    await destination.end();
  });

  it('writes a warning, and the lines pending before it, without waiting for the batch', async () => {
    jest.spyOn(fs, 'write');
    const { destination, logger, lines, writes } = logToFile({ flushAfterMs: NEVER_MS });
    logger.info(...access('/before'));
    expect(writes()).toBe(0);
    logger.warn('upstream catalog: breaker open');
    // Started by the warning itself, before it returned.
    expect(writes()).toBe(1);
    // Comes while that write is under way: it goes as soon as that write is done.
    logger.error('routes reload (SIGHUP) refused');
    // The timer would take a minute: within these 5 s, only the warnings' own flushes can have written them.
    await eventually(async () => lines().length === 3, 5_000, 20);
    expect(lines().map((line) => [line.level, line.url ?? line.msg])).toEqual([
      ['info', '/before'],
      ['warn', 'upstream catalog: breaker open'],
      ['error', 'routes reload (SIGHUP) refused'],
    ]);
    await destination.end();
  });

  it('writes a warning that comes while a write is under way as soon as that write is done', async () => {
    jest.spyOn(fs, 'write');
    const { destination, logger, lines, writes } = logToFile({ flushAfterMs: NEVER_MS });
    // ~5 KB of lines: the first 4 KB go out in a write that is under way until this test yields.
    for (let i = 0; i < 40; i++) logger.info(...access(`/r/${i}`));
    logger.warn('after the burst');
    expect(writes()).toBe(1);
    // What is left (under 4 KB, the warning last) would wait a minute for the timer but for the warning.
    await eventually(async () => lines().length === 41, 5_000, 20);
    expect(lines().map((line) => line.url ?? line.msg)).toEqual([
      ...Array.from({ length: 40 }, (_, i) => `/r/${i}`),
      'after the burst',
    ]);
    await destination.end();
  });

  it('writes a fatal line, and the lines pending before it, synchronously (pino flushes after it)', async () => {
    jest.spyOn(fs, 'write');
    const { destination, logger, lines, writes } = logToFile({ flushAfterMs: NEVER_MS });
    logger.info(...access('/pending'));
    logger.fatal('out of memory');
    // In the file, and by no asynchronous write: a crash right after loses neither line.
    expect(lines().map((line) => line.url ?? line.msg)).toEqual(['/pending', 'out of memory']);
    expect(writes()).toBe(0);
    await destination.end();
  });
});
