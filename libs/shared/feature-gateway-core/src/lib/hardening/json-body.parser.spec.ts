import { exceedsJsonDepth } from './json-body.parser';

const depth = (text: string, max: number) => exceedsJsonDepth(Buffer.from(text), max);

describe(exceedsJsonDepth.name, () => {
  it('counts objects and arrays alike, up to the limit inclusive', () => {
    expect(depth('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(depth('{"a":[{"b":[]}]}', 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(depth('{"a":"[[[[{{{{","b":"\\"[[[["}', 1)).toBe(false);
    expect(depth('["\\\\",[[]]]', 2)).toBe(true);
  });

  it('stops at the first level too deep, without reading the rest', () => {
    expect(depth('['.repeat(1_000_000), 32)).toBe(true);
  });

  it('is not fooled by multi-byte characters', () => {
    expect(depth('{"é€😀":["ü"]}', 2)).toBe(false);
  });
});
