import {
  currentRequestContext,
  propagatedHeaders,
  runWithRequestContext,
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
    expect(propagatedHeaders()).toEqual({});
  });

  it('follows the request through asynchronous work, and each request keeps its own', async () => {
    const seen = await Promise.all(
      ['a', 'b'].map((id) =>
        runWithRequestContext({ requestId: id, identity: {} }, async () => {
          await new Promise((resolve) => setTimeout(resolve, id === 'a' ? 20 : 5));
          return propagatedHeaders()['x-request-id'];
        }),
      ),
    );
    expect(seen).toEqual(['a', 'b']);
    expect(currentRequestContext()).toBeUndefined();
  });
});
