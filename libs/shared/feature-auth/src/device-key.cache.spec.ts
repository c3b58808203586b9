import type { DeviceKeyVerification } from '@concierge/shared/util-contracts';
import type { ResolvedDeviceKeyOptions } from './auth-options';
import { DeviceKeyCache } from './device-key.cache';
import { TooManyFailedAttemptsError, UnknownKeyLaneBusyError } from './unknown-key.gate';

describe(DeviceKeyCache.name, () => {
  const valid: DeviceKeyVerification = { valid: true, deviceId: 'd1', keyId: 'k1', scopes: [] };
  const cacheWith = (
    verifier: (key: string, check: { known: boolean }) => Promise<DeviceKeyVerification>,
    limits: Partial<ResolvedDeviceKeyOptions> = {},
  ) =>
    new DeviceKeyCache({
      verifier,
      cacheTtlMs: 200,
      negativeCacheTtlMs: 50,
      cacheSize: 10,
      knownKeyTtlMs: 60_000,
      failedAttemptsBurst: 3,
      failedAttemptsPerMinute: 1,
      unknownKeyConcurrency: 2,
      unknownKeyQueue: 0,
      ...limits,
    });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('asks once per key while the answer is fresh, concurrent look-ups included', async () => {
    const verifier = jest.fn(async () => valid);
    const sut = cacheWith(verifier);
    await Promise.all([sut.verify('k'), sut.verify('k'), sut.verify('k')]);
    await sut.verify('k');
    expect(verifier).toHaveBeenCalledTimes(1);
  });

  it('asks again after cacheTtlMs, so a revocation takes effect', async () => {
    const verifier = jest
      .fn<Promise<DeviceKeyVerification>, [string, { known: boolean }]>()
      .mockResolvedValueOnce(valid)
      .mockResolvedValue({ valid: false });
    const sut = cacheWith(verifier);
    expect((await sut.verify('k')).valid).toBe(true);
    await sleep(220);
    expect((await sut.verify('k')).valid).toBe(false);
  });

  it('remembers a negative answer for negativeCacheTtlMs only', async () => {
    const verifier = jest.fn(async () => ({ valid: false }));
    const sut = cacheWith(verifier);
    await sut.verify('k');
    await sut.verify('k');
    expect(verifier).toHaveBeenCalledTimes(1);
    await sleep(70);
    await sut.verify('k');
    expect(verifier).toHaveBeenCalledTimes(2);
  });

  it('does not cache a failure to ask', async () => {
    const verifier = jest
      .fn<Promise<DeviceKeyVerification>, [string, { known: boolean }]>()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValue(valid);
    const sut = cacheWith(verifier);
    await expect(sut.verify('k')).rejects.toThrow('down');
    expect(await sut.verify('k')).toEqual(valid);
  });

  it('refuses a client its unknown-key checks once its failed attempts are used up, before asking', async () => {
    const verifier = jest.fn(async () => ({ valid: false }));
    const sut = cacheWith(verifier);
    for (const key of ['g1', 'g2', 'g3']) expect((await sut.verify(key, 'attacker')).valid).toBe(false);
    await expect(sut.verify('g4', 'attacker')).rejects.toBeInstanceOf(TooManyFailedAttemptsError);
    expect(verifier).toHaveBeenCalledTimes(3);
    // Another client still has its own budget.
    expect((await sut.verify('g5', 'someone-else')).valid).toBe(false);
  });

  it('counts only failed attempts: a valid key gives its attempt back', async () => {
    const verifier = jest.fn(async (key: string) => (key.startsWith('good') ? valid : { valid: false }));
    const sut = cacheWith(verifier, { failedAttemptsBurst: 1 });
    for (const key of ['good-1', 'good-2', 'good-3']) expect((await sut.verify(key, 'c')).valid).toBe(true);
    expect((await sut.verify('bad', 'c')).valid).toBe(false);
    await expect(sut.verify('bad-2', 'c')).rejects.toBeInstanceOf(TooManyFailedAttemptsError);
  });

  it('checks a key that verified before as known, past the limits of unknown keys', async () => {
    const checks: boolean[] = [];
    const waiting: Array<() => void> = [];
    const verifier = jest.fn(async (key: string, check: { known: boolean }) => {
      checks.push(check.known);
      if (key.startsWith('guess')) await new Promise<void>((resolve) => waiting.push(resolve));
      return key === 'k' ? valid : { valid: false };
    });
    const sut = cacheWith(verifier, { failedAttemptsBurst: 100 });
    await sut.verify('k', 'device');
    await sleep(220);
    // The unknown-key lane is full (2 in flight, no queue): more guesses are refused, the known key is not.
    const guesses = [sut.verify('guess-1', 'a'), sut.verify('guess-2', 'b')];
    await expect(sut.verify('guess-3', 'c')).rejects.toBeInstanceOf(UnknownKeyLaneBusyError);
    expect(await sut.verify('k', 'device')).toEqual(valid);
    for (const resolve of waiting) resolve();
    await Promise.allSettled(guesses);
    expect(checks).toEqual([false, false, false, true]);
  });
});
