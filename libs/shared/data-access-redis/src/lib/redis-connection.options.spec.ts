import { parseClusterNodes } from './redis-connection.options';

describe(parseClusterNodes.name, () => {
  it('lists host:port seeds, spaces and empty items ignored', () => {
    expect(parseClusterNodes(' redis-0:7000, redis-1:7001 ,,10.0.0.3:7002')).toEqual([
      'redis-0:7000',
      'redis-1:7001',
      '10.0.0.3:7002',
    ]);
  });

  it.each(['', 'redis-0', 'redis://redis-0:7000', 'redis-0:port'])('refuses %p, naming the entry', (spec) => {
    expect(() => parseClusterNodes(spec)).toThrow();
  });
});
