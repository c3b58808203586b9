import { withoutHopByHop } from './hop-by-hop';

describe(withoutHopByHop.name, () => {
  it('drops hop-by-hop fields and those Connection names, and lower-cases the rest', () => {
    const sut = withoutHopByHop({
      Connection: 'keep-alive, X-Hop, close',
      'keep-alive': 'timeout=5',
      'Transfer-Encoding': 'chunked',
      TE: 'trailers',
      Upgrade: 'websocket',
      'x-hop': 'secret',
      'Content-Type': 'application/json',
      'x-request-id': 'r-1',
      'set-cookie': ['a=1', 'b=2'],
      absent: undefined,
    });
    expect(sut).toEqual({
      'content-type': 'application/json',
      'x-request-id': 'r-1',
      'set-cookie': ['a=1', 'b=2'],
    });
  });

  it('reads every Connection field when the header came more than once', () => {
    expect(withoutHopByHop({ connection: ['x-a', 'x-b'], 'x-a': '1', 'x-b': '2', 'x-c': '3' })).toEqual({
      'x-c': '3',
    });
  });

  it('also leaves out what the caller drops, asked with the lower-case name', () => {
    const asked: string[] = [];
    const drop = (name: string) => (asked.push(name), name === 'server');
    expect(
      withoutHopByHop({ Server: 'internal/1.2', 'Content-Type': 'text/plain', connection: 'close' }, drop),
    ).toEqual({
      'content-type': 'text/plain',
    });
    expect(asked).toEqual(['server', 'content-type']);
  });
});
