import { Histogram, Registry, register } from 'prom-client';
import { CellCounter, CellHistogram, registered } from './cells';

const BOUNDS = [0.01, 0.1, 1];

describe(CellHistogram.name, () => {
  afterEach(() => register.clear());

  it('exposes the same text as a prom-client histogram fed the same values', async () => {
    const sut = registered(
      'spec_duration_seconds',
      () => new CellHistogram('spec_duration_seconds', 'Help.', BOUNDS),
    );
    const reference = new Registry();
    const expected = new Histogram({
      name: 'spec_duration_seconds',
      help: 'Help.',
      labelNames: ['route'],
      buckets: BOUNDS,
      registers: [reference],
    });
    for (const value of [0.005, 0.01, 0.05, 0.5, 3, 0.2]) {
      sut.series({ route: '/a/:id' }).observe(value);
      expected.observe({ route: '/a/:id' }, value);
    }
    expect(await register.metrics()).toBe(await reference.metrics());
  });

  it('keeps one series per set of label values, however often it is asked for', () => {
    const sut = new CellHistogram('spec_seconds', 'Help.', BOUNDS);
    expect(sut.series({ route: '/a', method: 'GET' })).toBe(sut.series({ route: '/a', method: 'GET' }));
    expect(sut.series({ route: '/a', method: 'GET' })).not.toBe(sut.series({ route: '/b', method: 'GET' }));
  });
});

describe(CellCounter.name, () => {
  afterEach(() => register.clear());

  it('is shared by everyone who registers the same name, and reset with the registry', async () => {
    const first = registered('spec_total', () => new CellCounter('spec_total', 'Help.'));
    const second = registered('spec_total', () => new CellCounter('spec_total', 'Other.'));
    expect(second).toBe(first);
    first.series({ outcome: 'hit' }).value += 2;
    second.series({ outcome: 'hit' }).value++;
    expect(await register.metrics()).toContain('spec_total{outcome="hit"} 3');
    register.resetMetrics();
    expect(await register.metrics()).toContain('spec_total{outcome="hit"} 0');
  });
});
