import { framingProblem } from './request-framing';

const raw = (...lines: string[]) =>
  lines.flatMap((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]);

describe(framingProblem.name, () => {
  it('accepts one Host and at most one plain chunked encoding, in any case', () => {
    expect(framingProblem(raw('Host: a'))).toBeUndefined();
    expect(framingProblem(raw('HOST: a', 'Transfer-Encoding: Chunked'))).toBeUndefined();
    expect(framingProblem(raw('Host: a', 'Content-Length: 3'))).toBeUndefined();
  });

  it('refuses a second Host, whatever its spelling or value', () => {
    expect(framingProblem(raw('Host: a', 'host: a'))?.type).toBe('duplicate-host');
    expect(framingProblem(raw('Host: a', 'Host: b'))?.type).toBe('duplicate-host');
  });

  it.each([['identity, chunked'], ['chunked, chunked'], ['gzip'], ['identity'], ['chunked;q=1']])(
    'refuses Transfer-Encoding: %s',
    (value) => {
      expect(framingProblem(raw('Host: a', `Transfer-Encoding: ${value}`))?.type).toBe(
        'unsupported-transfer-encoding',
      );
    },
  );

  it('refuses Transfer-Encoding given twice', () => {
    expect(
      framingProblem(raw('Host: a', 'Transfer-Encoding: chunked', 'Transfer-Encoding: chunked'))?.type,
    ).toBe('unsupported-transfer-encoding');
  });
});
