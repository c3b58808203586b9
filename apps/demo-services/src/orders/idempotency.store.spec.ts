import { IdempotencyStore } from './idempotency.store';

describe(IdempotencyStore.name, () => {
  let clock = 0;
  const make = (maxEntries = 100) =>
    new IdempotencyStore<string>({ ttlMs: 1000, maxEntries, now: () => clock });
  beforeEach(() => (clock = 0));

  it('creates once, then replays the first result for the same fingerprint', async () => {
    const sut = make();
    let runs = 0;
    expect(await sut.run('k', 'f', () => `order-${++runs}`)).toEqual({
      outcome: 'created',
      value: 'order-1',
    });
    expect(await sut.run('k', 'f', () => `order-${++runs}`)).toEqual({
      outcome: 'replayed',
      value: 'order-1',
    });
    expect(runs).toBe(1);
  });

  it('reports a mismatch when the key comes back with another body', async () => {
    const sut = make();
    await sut.run('k', 'f1', () => 'a');
    expect(await sut.run('k', 'f2', () => 'b')).toEqual({ outcome: 'mismatch' });
  });

  it('runs concurrent calls with one key exactly once', async () => {
    const sut = make();
    let runs = 0;
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve(`order-${++runs}`), 10));
    const results = await Promise.all(Array.from({ length: 20 }, () => sut.run('k', 'f', slow)));
    expect(runs).toBe(1);
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(new Set(results.map((r) => (r.outcome === 'mismatch' ? null : r.value)))).toEqual(
      new Set(['order-1']),
    );
  });

  it('forgets a failed execution so a retry can succeed', async () => {
    const sut = make();
    await expect(sut.run('k', 'f', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await sut.run('k', 'f', () => 'ok')).toEqual({ outcome: 'created', value: 'ok' });
  });

  it('expires keys after the ttl and bounds the number kept', async () => {
    const sut = make(2);
    await sut.run('a', 'f', () => '1');
    clock = 1001;
    expect(await sut.run('a', 'f', () => '2')).toEqual({ outcome: 'created', value: '2' });
    await sut.run('b', 'f', () => '3');
    await sut.run('c', 'f', () => '4');
    expect(sut.size).toBe(2);
    expect(await sut.run('a', 'f', () => '5')).toEqual({ outcome: 'created', value: '5' });
  });
});
