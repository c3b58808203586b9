import { Writable } from 'node:stream';
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

const make = (parent: pino.Logger, options: Record<string, unknown> = { level: parent.level }) =>
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

  it('gives a route with a log level of its own a real child at once', () => {
    const { lines, parent } = capture();

    const log = make(parent, { level: 'debug' });
    log.debug('shown at the route level');

    expect(lines).toEqual([expect.objectContaining({ level: 20, requestId: 'r-1' })]);
  });
});
