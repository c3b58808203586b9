import { SeededRandom, mulberry32 } from './prng';

describe(mulberry32.name, () => {
  it('repeats the same sequence for the same seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
  });

  it('gives a different sequence for another seed, always within [0, 1)', () => {
    const a = Array.from({ length: 100 }, mulberry32(1));
    const b = Array.from({ length: 100 }, mulberry32(2));
    expect(a).not.toEqual(b);
    expect(Math.min(...a, ...b)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a, ...b)).toBeLessThan(1);
  });
});

describe(SeededRandom.name, () => {
  it('keeps streams with different labels independent', () => {
    const sut = new SeededRandom(7, 'catalog');
    expect(sut.int(0, 1e9)).not.toBe(new SeededRandom(7, 'users').int(0, 1e9));
    expect(new SeededRandom(7, 'catalog').int(0, 1e9)).toBe(new SeededRandom(7, 'catalog').int(0, 1e9));
  });

  it('draws integers inside the inclusive range and samples without repetition', () => {
    const sut = new SeededRandom(3);
    const ints = Array.from({ length: 500 }, () => sut.int(2, 4));
    expect(new Set(ints)).toEqual(new Set([2, 3, 4]));
    const sample = sut.sample(['a', 'b', 'c', 'd'], 3);
    expect(new Set(sample).size).toBe(3);
  });
});
