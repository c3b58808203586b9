import { Writable } from 'node:stream';
import fastify from 'fastify';
import pino from 'pino';
import { lazyChildLoggerFactory } from './lazy-child-logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const parent = pino({ level: 'info', base: { service: 'test' } }, stream);
  return { lines, parent };
}

// What Fastify passes for a route without a level of its own when given a logger instance.
const make = (parent: pino.Logger, options: Record<string, unknown> = { level: '' }) =>
  lazyChildLoggerFactory.call(undefined as never, parent, { requestId: 'r-1' }, options, undefined as never);

describe('lazyChildLoggerFactory', () => {
  it('makes no pino child for a request that logs nothing at its level', () => {
    const { lines, parent } = capture();
    const child = jest.spyOn(parent, 'child');

    const log = make(parent);
    log.debug('below the level');
    log.trace({ a: 1 }, 'below the level');

    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it("writes a line with the request's bindings once it logs, from one child", () => {
    const { lines, parent } = capture();
    const child = jest.spyOn(parent, 'child');

    const log = make(parent);
    log.warn({ upstream: 'catalog' }, 'upstream call failed');
    log.info('second');

    expect(child).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        requestId: 'r-1',
        upstream: 'catalog',
        msg: 'upstream call failed',
      }),
      expect.objectContaining({ level: 30, requestId: 'r-1', msg: 'second' }),
    ]);
  });

  it('makes no child for a Fastify request that logs nothing, and one for a request that logs', async () => {
    const { lines, parent } = capture();
    // Request logging off, as with the access log off.
    const app = fastify({
      loggerInstance: parent,
      childLoggerFactory: lazyChildLoggerFactory,
      disableRequestLogging: true,
    });
    app.get('/quiet', async () => 'ok');
    app.get('/loud', async (request) => (request.log.warn('loud'), 'ok'));
    await app.ready();
    const child = jest.spyOn(parent, 'child');
    try {
      await app.inject('/quiet');
      expect(child).not.toHaveBeenCalled();

      await app.inject('/loud');
      expect(child).toHaveBeenCalledTimes(1);
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'loud', reqId: expect.any(String) }));
    } finally {
      await app.close();
    }
  });

  it('gives a route with a log level of its own a real child at once', () => {
    const { lines, parent } = capture();

    const log = make(parent, { level: 'debug' });
    log.debug('shown at the route level');

    expect(lines).toEqual([expect.objectContaining({ level: 20, requestId: 'r-1' })]);
  });
});
