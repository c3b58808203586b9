import { formatTraceparent, remoteParent } from './traceparent';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe(remoteParent.name, () => {
  it("reads the client's trace id, span id, sampled flag and tracestate", () => {
    expect(remoteParent(`00-${TRACE}-${SPAN}-01`, 'a=1,b=2')).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      traceFlags: 1,
      isRemote: true,
    });
    expect(remoteParent(`00-${TRACE}-${SPAN}-01`, 'a=1,b=2')?.traceState?.get('b')).toBe('2');
  });

  it.each([
    ['absent', undefined],
    ['all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['all-zero span id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['unknown version', `ff-${TRACE}-${SPAN}-01`],
    ['upper case', `00-${TRACE.toUpperCase()}-${SPAN}-01`],
    ['truncated', `00-${TRACE}-${SPAN}`],
  ])('ignores a traceparent that is %s', (_what, header) => {
    expect(remoteParent(header, undefined)).toBeUndefined();
  });
});

describe(formatTraceparent.name, () => {
  it('writes version 00 with only the sampled flag', () => {
    expect(formatTraceparent({ traceId: TRACE, spanId: SPAN, traceFlags: 1 })).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(formatTraceparent({ traceId: TRACE, spanId: SPAN, traceFlags: 0 })).toBe(`00-${TRACE}-${SPAN}-00`);
  });
});
