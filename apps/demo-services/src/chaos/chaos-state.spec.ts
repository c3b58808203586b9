import { ChaosState, parseChaosSettings } from './chaos-state';

describe(ChaosState.name, () => {
  it('serves every call with no delay by default', () => {
    const sut = new ChaosState(() => 0);
    expect(sut.decide()).toEqual({ delayMs: 0, reject: null });
  });

  it('rejects every call while down, and still delays it', () => {
    const sut = new ChaosState();
    sut.update({ down: true, latencyMs: 50 });
    expect(sut.decide()).toEqual({ delayMs: 50, reject: 'down' });
  });

  it('rejects the share of calls whose draw falls under errorRate', () => {
    let draw = 0;
    const draws = [0.1, 0.29, 0.3, 0.9];
    const sut = new ChaosState(() => draws[draw++]);
    sut.update({ errorRate: 0.3 });
    expect(draws.map(() => sut.decide().reject)).toEqual(['error-rate', 'error-rate', null, null]);
  });

  it('keeps unchanged fields on a partial update and restores defaults on reset', () => {
    const sut = new ChaosState();
    sut.update({ latencyMs: 20 });
    expect(sut.update({ errorRate: 0.5 })).toEqual({ latencyMs: 20, errorRate: 0.5, down: false });
    expect(sut.reset()).toEqual({ latencyMs: 0, errorRate: 0, down: false });
  });

  it('counts calls per route and remembers the last one until the stats are reset', () => {
    const sut = new ChaosState();
    sut.record('GET /products/:id', { method: 'GET', url: '/products/p-0001', headers: {} });
    sut.record('GET /products/:id', {
      method: 'GET',
      url: '/products/p-0002',
      headers: { 'x-request-id': 'r1' },
    });
    expect(sut.stats()).toEqual({
      total: 2,
      byRoute: { 'GET /products/:id': 2 },
      last: { method: 'GET', url: '/products/p-0002', headers: { 'x-request-id': 'r1' } },
    });
    sut.resetStats();
    expect(sut.stats()).toEqual({ total: 0, byRoute: {}, last: null });
  });
});

describe(parseChaosSettings.name, () => {
  it('accepts any subset of the three fields', () => {
    expect(parseChaosSettings({})).toEqual({ settings: {} });
    expect(parseChaosSettings({ latencyMs: 10, errorRate: 0.25, down: true })).toEqual({
      settings: { latencyMs: 10, errorRate: 0.25, down: true },
    });
  });

  it('names each bad field', () => {
    const result = parseChaosSettings({ latencyMs: -1, errorRate: 2, down: 'yes', speed: 1 });
    expect('errors' in result && result.errors.map((e) => e.field)).toEqual([
      'latencyMs',
      'errorRate',
      'down',
      'speed',
    ]);
    expect(parseChaosSettings([1])).toHaveProperty('errors');
    expect(parseChaosSettings({ latencyMs: 1.5 })).toHaveProperty('errors');
  });
});
