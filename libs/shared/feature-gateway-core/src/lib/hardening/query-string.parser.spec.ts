import { cappedQueryStringParser, countQueryParams } from './query-string.parser';

describe(countQueryParams.name, () => {
  it('counts non-empty parameters', () => {
    expect(countQueryParams('')).toBe(0);
    expect(countQueryParams('a=1&b=2&&c')).toBe(3);
    expect(countQueryParams('&&&')).toBe(0);
  });

  it('stops counting at the cap', () => {
    expect(countQueryParams('a&'.repeat(100_000), 11)).toBe(11);
  });
});

describe(cappedQueryStringParser.name, () => {
  const sut = cappedQueryStringParser(3);

  it('parses repeated keys into arrays, into an object without a prototype', () => {
    const parsed = sut('a=1&a=2&__proto__=x');
    expect(parsed['a']).toEqual(['1', '2']);
    expect(Object.keys(parsed)).toEqual(['a', '__proto__']);
    expect(Object.getPrototypeOf(parsed)).toBeNull();
  });

  it('parses no more than one key beyond the cap', () => {
    expect(Object.keys(sut('a=1&b=2&c=3&d=4&e=5&f=6'))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('never loses real parameters behind empty separators', () => {
    expect(sut(`${'&'.repeat(2000)}a=1&b=2`)).toEqual(Object.assign(Object.create(null), { a: '1', b: '2' }));
  });

  it('never throws on malformed escapes', () => {
    expect(sut('a=%E0%A4%A&b=%ff&c=%')).toMatchObject({ b: expect.any(String), c: '%' });
  });
});
