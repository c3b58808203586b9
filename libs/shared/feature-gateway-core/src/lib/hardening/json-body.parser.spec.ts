import { exceedsJsonDepth, jsonShapeProblem } from './json-body.parser';

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

describe(jsonShapeProblem.name, () => {
  const shape = (text: string, maxKeys: number) => jsonShapeProblem(Buffer.from(text), 32, maxKeys);

  it('counts the members of each object on its own, up to the limit inclusive', () => {
    expect(shape('{"a":1,"b":{"c":1,"d":2},"e":3}', 3)).toBeUndefined();
    expect(shape('{"a":1,"b":2,"c":3,"d":4}', 3)).toBe('too-many-keys');
    expect(shape('[{"a":1,"b":2},{"a":1,"b":2},{"a":1,"b":2}]', 2)).toBeUndefined();
  });

  it('ignores colons inside strings and in arrays', () => {
    expect(shape('{"a":"x:y:z:w","b":["1:2","3:4"]}', 2)).toBeUndefined();
  });

  it('stops at the first object with too many members', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `"k${i}":0`).join(',');
    expect(shape(`{${keys}}`, 1000)).toBe('too-many-keys');
  });
});
