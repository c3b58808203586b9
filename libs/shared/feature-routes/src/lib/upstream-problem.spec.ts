import { clientProblemOf, isUpstreamProblem } from './upstream-problem';

describe(clientProblemOf.name, () => {
  const upstream = {
    type: 'https://x/no-item',
    title: 'Not Found',
    status: 404,
    detail: 'No item.',
    instance: '/products/x',
    requestId: 'u-1',
    stack: 'at x.js:1',
    field: 'id',
  };

  it("keeps the upstream's words and extensions but drops its instance, request id and stack", () => {
    expect(clientProblemOf(Buffer.from(JSON.stringify(upstream)), undefined, 404, 'catalog')).toEqual({
      type: 'https://x/no-item',
      title: 'Not Found',
      status: 404,
      detail: 'No item.',
      field: 'id',
    });
  });

  it.each([
    ['not JSON', Buffer.from('<html>'), undefined],
    ['not a problem', Buffer.from('{"error":"x"}'), undefined],
    ['compressed', Buffer.from(JSON.stringify(upstream)), 'gzip'],
  ])('answers in its own words when the body is %s', (_case, payload, encoding) => {
    expect(clientProblemOf(payload, encoding, 410, 'catalog')).toMatchObject({
      status: 410,
      detail: 'The catalog service answered 410 Gone.',
    });
  });
});

describe(isUpstreamProblem.name, () => {
  it('is an error status with a problem+json body', () => {
    expect(isUpstreamProblem(404, { 'content-type': 'application/problem+json; charset=utf-8' })).toBe(true);
    expect(isUpstreamProblem(200, { 'content-type': 'application/problem+json' })).toBe(false);
    expect(isUpstreamProblem(404, { 'content-type': 'application/json' })).toBe(false);
  });
});
