import { LogLines } from './log-lines';

const json = (level: string, msg: string) => JSON.stringify({ level, msg });

describe(LogLines.name, () => {
  it('resolves with a line that has already arrived, and one that arrives later', async () => {
    const logs = new LogLines();
    logs.collect(json('info', 'listening'));
    await expect(logs.line((line) => line.msg === 'listening')).resolves.toMatchObject({ level: 'info' });

    const later = logs.line((line) => line.msg === 'reloaded');
    logs.collect(json('info', 'reloaded'));
    await expect(later).resolves.toMatchObject({ msg: 'reloaded' });
  });

  it('waits for `count` matching lines from `from` on, and gives every match', async () => {
    const logs = new LogLines();
    logs.collect(json('error', 'refused 0'));
    const two = logs.lines((line) => line.msg.startsWith('refused'), 2, { from: logs.all.length });
    logs.collect(json('error', 'refused 1'));
    logs.collect(json('info', 'other'));
    logs.collect(json('error', 'refused 2'));
    await expect(two).resolves.toEqual([
      { level: 'error', msg: 'refused 1' },
      { level: 'error', msg: 'refused 2' },
    ]);
  });

  it('fails after the timeout, naming what it waited for', async () => {
    const logs = new LogLines();
    logs.collect(json('info', 'something else'));
    await expect(logs.line((line) => line.msg === 'never', { timeoutMs: 50 })).rejects.toThrow(
      /0 of 1 log line\(s\) matching .*never.* within 50 ms; the last lines:\n.*something else/s,
    );
  });

  it('keeps what is not a whole JSON line apart', () => {
    const logs = new LogLines();
    logs.collect('{"level":"info","msg":"torn');
    expect(logs.all).toEqual([]);
    expect(logs.unparsed).toEqual(['{"level":"info","msg":"torn']);
  });
});
