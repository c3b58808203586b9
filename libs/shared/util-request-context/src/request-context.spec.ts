import {
  attachRequestContext,
  propagatedHeaders,
  requestContextFor,
  requestContextOf,
  type RequestContext,
} from './request-context';

describe(propagatedHeaders.name, () => {
  const context: RequestContext = {
    requestId: 'r-1',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    tracestate: 'vendor=1',
    identity: { 'x-user-id': 'u-1001', 'x-user-scopes': 'orders:read' },
  };

  it('carries the request id, the trace context and the verified identity', () => {
    expect(propagatedHeaders(context)).toEqual({
      'x-request-id': 'r-1',
      traceparent: context.traceparent,
      tracestate: 'vendor=1',
      'x-user-id': 'u-1001',
      'x-user-scopes': 'orders:read',
    });
  });

  it('carries nothing outside a request', () => {
    expect(propagatedHeaders(undefined)).toEqual({});
  });
});

describe(requestContextOf.name, () => {
  it('gives back the context kept on a request, and each request keeps its own', () => {
    const [a, b] = [{}, {}];
    attachRequestContext(a, { requestId: 'a', identity: {} });
    attachRequestContext(b, { requestId: 'b', identity: {} });

    expect([requestContextOf(a)?.requestId, requestContextOf(b)?.requestId]).toEqual(['a', 'b']);
    expect(requestContextOf({})).toBeUndefined();
  });
});

describe(requestContextFor.name, () => {
  it("gives the request's own context, or keeps a new one on it that later reads get too", () => {
    const opened = { id: 'r-1' };
    const context = { requestId: 'r-1', identity: { 'x-user-id': 'u-1' } };
    attachRequestContext(opened, context);
    const bare = { id: 'r-2' };

    expect(requestContextFor(opened)).toBe(context);
    const fresh = requestContextFor(bare);
    expect(fresh).toEqual({ requestId: 'r-2', identity: {} });
    expect(requestContextOf(bare)).toBe(fresh);
  });
});
