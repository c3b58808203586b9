import type { DeviceKeyVerification } from '@concierge/shared/util-contracts';
import { DeviceKeyCache } from './device-key.cache';

describe(DeviceKeyCache.name, () => {
  const valid: DeviceKeyVerification = { valid: true, deviceId: 'd1', keyId: 'k1', scopes: [] };
  const cacheWith = (verifier: (key: string) => Promise<DeviceKeyVerification>) =>
    new DeviceKeyCache({ verifier, cacheTtlMs: 200, negativeCacheTtlMs: 50, cacheSize: 10 });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('asks once per key while the answer is fresh, concurrent look-ups included', async () => {
    const verifier = jest.fn(async () => valid);
    const sut = cacheWith(verifier);
    await Promise.all([sut.verify('k'), sut.verify('k'), sut.verify('k')]);
    await sut.verify('k');
    expect(verifier).toHaveBeenCalledTimes(1);
  });

  it('asks again after cacheTtlMs, so a revocation takes effect', async () => {
    const verifier = jest.fn<Promise<DeviceKeyVerification>, [string]>().mockResolvedValueOnce(valid).mockResolvedValue({ valid: false });
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
    const verifier = jest.fn<Promise<DeviceKeyVerification>, [string]>().mockRejectedValueOnce(new Error('down')).mockResolvedValue(valid);
    const sut = cacheWith(verifier);
    await expect(sut.verify('k')).rejects.toThrow('down');
    expect(await sut.verify('k')).toEqual(valid);
  });
});
