import { RedisBreaker, RedisUnavailableError } from './redis-breaker';

describe(RedisBreaker.name, () => {
  const failing = () => Promise.reject(new Error('Command timed out'));

  it('opens after the configured consecutive failures and then fails without running the command', async () => {
    const sut = new RedisBreaker(3, 60_000);
    for (let i = 0; i < 3; i++) await expect(sut.run(failing)).rejects.toThrow(RedisUnavailableError);
    expect(sut.open).toBe(true);
    const command = jest.fn(() => Promise.resolve('PONG'));
    await expect(sut.run(command)).rejects.toThrow(RedisUnavailableError);
    expect(command).not.toHaveBeenCalled();
  });

  it('stays closed while failures are interleaved with successes', async () => {
    const sut = new RedisBreaker(3, 60_000);
    for (let i = 0; i < 5; i++) {
      await expect(sut.run(failing)).rejects.toThrow();
      await expect(sut.run(failing)).rejects.toThrow();
      await expect(sut.run(() => Promise.resolve(1))).resolves.toBe(1);
    }
    expect(sut.open).toBe(false);
  });

  it('lets one command through after its pause and closes when it succeeds', async () => {
    const sut = new RedisBreaker(1, 20);
    const changes: boolean[] = [];
    sut.onChange((open) => changes.push(open));
    await expect(sut.run(failing)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 40));
    await expect(sut.run(() => Promise.resolve('PONG'))).resolves.toBe('PONG');
    expect(sut.open).toBe(false);
    expect(changes).toEqual([true, false]);
  });
});
