import { transformQuery, transformRequestHeaders } from './request-transforms';

describe(transformRequestHeaders.name, () => {
  it('renames, removes and sets headers in that order without touching the input', () => {
    const input = { 'x-api-version': '2', cookie: 'a=b', accept: 'application/json' };
    expect(
      transformRequestHeaders(input, {
        rename: { 'X-Api-Version': 'x-version' },
        remove: ['Cookie'],
        set: { 'x-gateway': 'web' },
      }),
    ).toEqual({
      'x-version': '2',
      accept: 'application/json',
      'x-gateway': 'web',
    });
    expect(input).toEqual({ 'x-api-version': '2', cookie: 'a=b', accept: 'application/json' });
  });
});

describe(transformQuery.name, () => {
  it('passes the raw query untouched without rules', () => {
    expect(transformQuery('a=%41&b', undefined)).toBe('a=%41&b');
  });

  it('renames, removes, sets and allow-lists parameters, keeping repeated ones', () => {
    expect(
      transformQuery('q=shoes&tag=a&tag=b&debug=1&page=2', {
        rename: { q: 'search' },
        remove: ['debug'],
        set: { limit: '20' },
        allow: ['search', 'tag', 'limit'],
      }),
    ).toBe('search=shoes&tag=a&tag=b&limit=20');
  });
});
