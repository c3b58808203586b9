import pino from 'pino';
import { Writable } from 'node:stream';
import { pinoOptions } from './pino-options';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, stream };
}

describe(pinoOptions.name, () => {
  it('never writes credentials, whatever is logged', () => {
    const { lines, stream } = capture();
    const sut = pino(pinoOptions('test', 'info'), stream);
    sut.info({
      req: {
        headers: {
          authorization: 'Bearer eyJ.secret',
          'x-device-key': 'dk_1.s',
          cookie: 'sid=1',
          accept: '*/*',
        },
      },
      body: { password: 'wonderland', client_secret: 'shh' },
    });
    const written = JSON.stringify(lines[0]);
    for (const secret of ['eyJ.secret', 'dk_1.s', 'sid=1', 'wonderland', 'shh'])
      expect(written).not.toContain(secret);
    expect(written).toContain('*/*');
  });

  it('writes JSON lines with the level as a word and an ISO time', () => {
    const { lines, stream } = capture();
    pino(pinoOptions('web-bff', 'info'), stream).info('hello');
    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'web-bff',
      msg: 'hello',
      time: expect.stringMatching(/^\d{4}-/),
    });
  });

  it("gives each line the time it was written, to the millisecond, though lines share a millisecond's", () => {
    const { lines, stream } = capture();
    const logger = pino(pinoOptions('web-bff', 'info'), stream);
    const clock = jest.spyOn(Date, 'now');
    try {
      for (const ms of [
        Date.UTC(2026, 11, 1, 20, 0, 0, 1),
        Date.UTC(2026, 11, 1, 20, 0, 0, 1),
        Date.UTC(2026, 11, 1, 20, 0, 0, 2),
      ]) {
        clock.mockReturnValue(ms);
        logger.info('tick');
      }
    } finally {
      clock.mockRestore();
    }
    expect(lines.map((line) => line.time)).toEqual([
      '2026-12-01T20:00:00.001Z',
      '2026-12-01T20:00:00.001Z',
      '2026-12-01T20:00:00.002Z',
    ]);
  });
});
