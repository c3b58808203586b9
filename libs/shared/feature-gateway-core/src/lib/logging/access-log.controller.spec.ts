import Fastify from 'fastify';
import pino from 'pino';
import { AccessLogController } from './access-log.controller';
import { lazyChildLoggerFactory } from './lazy-child-logger';
import { pinoOptions } from './pino-options';

/** A destination that asks pino for each line's metadata, as `LogDestination` does, and keeps it. */
class RecordingDestination {
  readonly [pino.symbols.needsMetadataGsym] = true;
  lastLevel = 0;
  readonly lines: { text: string; level: number }[] = [];
  write(text: string): void {
    this.lines.push({ text, level: this.lastLevel });
  }
}

async function gatewayLogging(level: string, { disableRequestLogging = false } = {}) {
  const destination = new RecordingDestination();
  const logger = pino(pinoOptions('web-bff', level), destination);
  const app = Fastify({
    loggerInstance: logger,
    childLoggerFactory: lazyChildLoggerFactory,
    logController: new AccessLogController(logger, { requestIdLogLabel: 'requestId', disableRequestLogging }),
    genReqId: (request) => String(request.headers['x-request-id']),
  });
  const urlsSeen: string[] = [];
  app.get('/products/:id', async (request, reply) => {
    urlsSeen.push(request.url);
    return reply.code(203).send({ ok: true });
  });
  await app.ready();
  return { app, logger, destination, urlsSeen };
}

/** A line without its time, which two lines written a millisecond apart do not share. */
const timeless = (line: string) => line.replace(/,"time":"[^"]*"/, '');

describe(AccessLogController.name, () => {
  it('writes a completed request as the one line pino would write for it through the request logger', async () => {
    const { app, logger, destination, urlsSeen } = await gatewayLogging('info');
    await app.inject({
      method: 'GET',
      url: '/products/p-1?q=%22quoted%22&x=\\',
      headers: { 'x-request-id': 'req "1"' },
    });
    await app.close();
    const [url] = urlsSeen;

    expect(destination.lines).toHaveLength(1);
    const written = destination.lines[0].text;
    const { ms } = JSON.parse(written) as { ms: number };
    logger.child({ requestId: 'req "1"' }).info({ method: 'GET', url, status: 203, ms }, 'request completed');
    const byPino = destination.lines[1].text;
    expect(timeless(written)).toBe(timeless(byPino));
    expect(JSON.parse(written)).toMatchObject({
      level: 'info',
      service: 'web-bff',
      requestId: 'req "1"',
      url,
    });
  });

  it('tells the destination it is an info line, so the batching destination keeps it for the batch', async () => {
    const { app, destination } = await gatewayLogging('info');
    await app.inject({ method: 'GET', url: '/products/p-1', headers: { 'x-request-id': 'r-2' } });
    await app.close();
    expect(destination.lines.map((line) => line.level)).toEqual([pino.levels.values['info']]);
  });

  it('writes no access line when the level is above info, or request logging is off', async () => {
    for (const logging of [
      await gatewayLogging('warn'),
      await gatewayLogging('info', { disableRequestLogging: true }),
    ]) {
      await logging.app.inject({ method: 'GET', url: '/products/p-1', headers: { 'x-request-id': 'r-3' } });
      await logging.app.close();
      expect(logging.destination.lines).toEqual([]);
    }
  });
});
