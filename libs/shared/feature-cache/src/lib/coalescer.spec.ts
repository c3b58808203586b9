import { Coalescer } from './coalescer';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(Coalescer.name, () => {
  it('makes one call for concurrent callers of one key, and a new one once it is done', async () => {
    const sut = new Coalescer();
    let calls = 0;
    const call = async () => {
      calls += 1;
      await tick();
      return calls;
    };
    const results = await Promise.all([1, 2, 3].map(() => sut.run('k', call, () => true)));
    expect(results.map((result) => result.collapsed)).toEqual([false, true, true]);
    expect(calls).toBe(1);
    expect(sut.size).toBe(0);
    await sut.run('k', call, () => true);
    expect(calls).toBe(2);
  });

  it('lets a caller that refuses the leader value, or whose leader failed, make its own call', async () => {
    const sut = new Coalescer();
    let calls = 0;
    const failing = async () => {
      calls += 1;
      await tick();
      if (calls === 1) throw new Error('upstream down');
      return 'own';
    };
    const [leader, follower] = await Promise.allSettled([
      sut.run('k', failing, () => true),
      sut.run('k', failing, () => true),
    ]);
    expect(leader.status).toBe('rejected');
    expect(follower).toEqual({ status: 'fulfilled', value: { value: 'own', collapsed: false } });

    const refused = await Promise.all([
      sut.run(
        'r',
        async () => 'a',
        () => false,
      ),
      sut.run(
        'r',
        async () => 'b',
        () => false,
      ),
    ]);
    expect(refused.map((result) => result.value)).toEqual(['a', 'b']);
  });
});
